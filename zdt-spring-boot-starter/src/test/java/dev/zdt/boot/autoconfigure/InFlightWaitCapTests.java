package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.ShutdownPhase;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.time.ManualTicker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightWaitCapTests {

	private static final int GRACEFUL_PHASE = WebServerDetector.gracefulShutdownPhase();

	private static final ShutdownBudget BUDGET = new ShutdownBudget(Duration.ofSeconds(30), Duration.ofSeconds(30));

	@Test
	void deregistrationDelayLeftAfterTheLoadBalancerWasSeenDrainingCapsTheInFlightWait() {
		InFlightWaitCap cap = cap(Duration.ofSeconds(40), Duration.ofSeconds(5));
		assertThat(cap.cap(Duration.ofSeconds(25))).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void deregistrationDelayCountsFromTheDrainingStateNotFromTheStartOfTheHold() {
		// The ALB turned draining 8 s into the hold; its 20 s delay runs until 28 s, not
		// 20 s.
		InFlightWaitCap cap = cap(Duration.ofSeconds(20), Duration.ofSeconds(8));
		assertThat(cap.cap(Duration.ofSeconds(13))).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void unknownDrainingTimeLeavesTheShutdownTimeoutAlone() {
		InFlightWaitCap cap = cap(Duration.ofSeconds(20), null);
		assertThat(cap.cap(Duration.ofSeconds(13))).isNull();
	}

	@Test
	void aLongDeregistrationDelayLeavesTheShutdownTimeoutAlone() {
		InFlightWaitCap cap = cap(Duration.ofSeconds(300), Duration.ofSeconds(5));
		assertThat(cap.cap(Duration.ofSeconds(25))).isNull();
	}

	@Test
	void anExpiredDeregistrationDelayLeavesNoWait() {
		InFlightWaitCap cap = cap(Duration.ofSeconds(10), Duration.ofSeconds(5));
		assertThat(cap.cap(Duration.ofSeconds(25))).isEqualTo(Duration.ZERO);
	}

	@Test
	void unknownDeregistrationDelayLeavesTheShutdownTimeoutAlone() {
		InFlightWaitCap cap = cap(null, Duration.ofSeconds(5));
		assertThat(cap.cap(Duration.ofSeconds(25))).isNull();
	}

	@Test
	void withoutALoadBalancerTheShutdownTimeoutIsLeftAlone() {
		InFlightWaitCap cap = new InFlightWaitCap(() -> null, 0, BUDGET, () -> null);
		assertThat(cap.cap(Duration.ofSeconds(25))).isNull();
	}

	@Test
	void aCancelledDrainTakesItsCapBackSoThatALaterShutdownWaitsTheWholeTimeout() throws Exception {
		RecordingLifecycleProcessor processor = new RecordingLifecycleProcessor();
		SeenDraining loadBalancer = new SeenDraining(Duration.ofSeconds(20), Duration.ofSeconds(1));
		InFlightWaitCap cap = new InFlightWaitCap(() -> processor, GRACEFUL_PHASE, BUDGET, () -> loadBalancer);
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(13)))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.listener(cap)
			.build();
		coordinator.drain(DrainTrigger.ENDPOINT);
		// Draining from 1 s into the hold, 12 s of the 20 s delay gone when it ended.
		assertThat(processor.timeouts).containsEntry(GRACEFUL_PHASE, 8_000L);
		assertThat(coordinator.cancel()).isTrue();
		assertThat(processor.timeouts).as("after the cancel").containsEntry(GRACEFUL_PHASE, 30_000L);
		// The next hold does not see the load balancer let go (its API fails, say).
		loadBalancer.drainingSeenAt = null;
		coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(processor.timeouts).as("after the next hold").containsEntry(GRACEFUL_PHASE, 30_000L);
	}

	@Test
	void withoutACapTheShutdownTimeoutIsNotTouched() throws Exception {
		RecordingLifecycleProcessor processor = new RecordingLifecycleProcessor();
		SeenDraining loadBalancer = new SeenDraining(Duration.ofSeconds(20), null);
		InFlightWaitCap cap = new InFlightWaitCap(() -> processor, GRACEFUL_PHASE, BUDGET, () -> loadBalancer);
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(13)))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.listener(cap)
			.build();
		coordinator.drain(DrainTrigger.ENDPOINT);
		coordinator.cancel();
		assertThat(processor.timeouts).isEmpty();
	}

	@ParameterizedTest(name = "grace period {0}s: web server phase {1} ms")
	@CsvSource({ "30,3000", "60,20000" })
	void theGracePeriodShortensTheWebServersPhaseFurtherWhateverOrderTheListenersRunIn(long grace, long timeout)
			throws Exception {
		RecordingLifecycleProcessor processor = new RecordingLifecycleProcessor();
		SeenDraining loadBalancer = new SeenDraining(Duration.ofSeconds(40), Duration.ofSeconds(5));
		AtomicReference<@Nullable PhaseDeadline> deadline = new AtomicReference<>();
		InFlightWaitCap cap = new InFlightWaitCap(() -> processor, GRACEFUL_PHASE, BUDGET, () -> loadBalancer,
				deadline::get);
		deadline.set(new PhaseDeadline(() -> processor,
				() -> List.of(new ShutdownPhase(GRACEFUL_PHASE, List.of("webServerGracefulShutdown"),
						Duration.ofSeconds(30))),
				BUDGET, GracePeriodFit.of(Duration.ofSeconds(grace), new MockEnvironment()), GRACEFUL_PHASE,
				() -> cap));
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(25)))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.listener(deadline.get())
			.listener(cap)
			.build();
		coordinator.drain(DrainTrigger.ENDPOINT);
		// Seen draining 5 s into a 25 s hold: 20 s of the 40 s delay are left, and 28 s
		// of a 30 s grace period minus the hold leave 3 s.
		assertThat(processor.timeouts).containsExactly(Map.entry(GRACEFUL_PHASE, timeout));
	}

	private static InFlightWaitCap cap(@Nullable Duration deregistrationDelay, @Nullable Duration drainingSeenAt) {
		LoadBalancerHoldStrategySupplier loadBalancer = new LoadBalancerHoldStrategySupplier() {

			@Override
			public HoldStrategy strategy() {
				return new FixedDelayStrategy(Duration.ofSeconds(10));
			}

			@Override
			public @Nullable Duration deregistrationDelay() {
				return deregistrationDelay;
			}

			@Override
			public @Nullable Duration drainingSeenAt() {
				return drainingSeenAt;
			}

		};
		return new InFlightWaitCap(() -> null, 0, BUDGET, () -> loadBalancer);
	}

	/**
	 * Spring's lifecycle processor, remembering the per-phase timeouts set on it (it has
	 * no getter for them).
	 */
	static final class RecordingLifecycleProcessor extends DefaultLifecycleProcessor {

		final Map<Integer, Long> timeouts = new ConcurrentHashMap<>();

		@Override
		public void setTimeoutForShutdownPhase(int phase, long timeout) {
			this.timeouts.put(phase, timeout);
			super.setTimeoutForShutdownPhase(phase, timeout);
		}

	}

	/**
	 * A load balancer that reports its deregistration delay and when the last hold saw it
	 * draining this instance.
	 */
	static final class SeenDraining implements LoadBalancerHoldStrategySupplier {

		private final Duration deregistrationDelay;

		volatile @Nullable Duration drainingSeenAt;

		SeenDraining(Duration deregistrationDelay, @Nullable Duration drainingSeenAt) {
			this.deregistrationDelay = deregistrationDelay;
			this.drainingSeenAt = drainingSeenAt;
		}

		@Override
		public HoldStrategy strategy() {
			return new FixedDelayStrategy(Duration.ofSeconds(10));
		}

		@Override
		public Duration deregistrationDelay() {
			return this.deregistrationDelay;
		}

		@Override
		public @Nullable Duration drainingSeenAt() {
			return this.drainingSeenAt;
		}

	}

}
