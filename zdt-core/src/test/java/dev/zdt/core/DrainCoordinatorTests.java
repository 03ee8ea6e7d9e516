package dev.zdt.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainCoordinatorTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final GateStrategy gate = new GateStrategy();

	private final RecordingListener listener = new RecordingListener();

	private final DrainCoordinator coordinator = DrainCoordinator.builder()
		.strategy(this.gate)
		.bounds(new HoldBounds(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMillis(5)))
		.listener(this.listener)
		.build();

	@Test
	void movesFromServingThroughDrainingAndDrainedToStopping() throws Exception {
		assertThat(this.coordinator.state()).isEqualTo(DrainState.SERVING);
		CompletableFuture<DrainResult> result = this.coordinator.startDrain(DrainTrigger.ENDPOINT);
		assertThat(this.coordinator.state()).isEqualTo(DrainState.DRAINING);
		this.gate.open();
		result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.coordinator.state()).isEqualTo(DrainState.DRAINED);
		this.coordinator.stopping();
		assertThat(this.coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(this.listener.events).containsExactly("started:endpoint", "ended:gate", "stopping");
	}

	@Test
	void stoppingBeforeTheHoldHasEndedChangesNothing() {
		this.coordinator.stopping();
		assertThat(this.coordinator.state()).isEqualTo(DrainState.SERVING);
		this.coordinator.startDrain(DrainTrigger.SHUTDOWN);
		this.coordinator.stopping();
		assertThat(this.coordinator.state()).isEqualTo(DrainState.DRAINING);
		this.gate.open();
	}

	@Test
	void aHundredConcurrentTriggersMakeExactlyOneDrainThatAllOfThemWaitFor() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(100);
		try {
			CountDownLatch ready = new CountDownLatch(100);
			List<Future<DrainResult>> results = new ArrayList<>();
			DrainTrigger[] triggers = DrainTrigger.values();
			for (int i = 0; i < 100; i++) {
				DrainTrigger trigger = triggers[i % triggers.length];
				results.add(pool.submit(() -> {
					ready.countDown();
					ready.await();
					return this.coordinator.drain(trigger);
				}));
			}
			assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Thread.sleep(50);
			assertThat(results).noneMatch(Future::isDone);
			this.gate.open();
			DrainResult first = results.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
			for (Future<DrainResult> result : results) {
				assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(first);
			}
			assertThat(this.listener.events).filteredOn((event) -> event.startsWith("started")).hasSize(1);
			assertThat(this.listener.events).filteredOn((event) -> event.startsWith("ended")).hasSize(1);
			assertThat(this.gate.holds.get()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theFirstTriggerIsTheOneRecorded() {
		this.coordinator.startDrain(DrainTrigger.ENDPOINT);
		this.coordinator.startDrain(DrainTrigger.SHUTDOWN);
		assertThat(this.coordinator.status().trigger()).isEqualTo(DrainTrigger.ENDPOINT);
		this.gate.open();
	}

	@Test
	void aTriggerAfterTheHoldHasEndedReturnsAtOnceWithoutHoldingAgain() throws Exception {
		this.gate.open();
		DrainResult held = this.coordinator.drain(DrainTrigger.ENDPOINT);
		CompletableFuture<DrainResult> again = this.coordinator.startDrain(DrainTrigger.SHUTDOWN);
		assertThat(again).isCompletedWithValue(held);
		assertThat(this.gate.holds.get()).isEqualTo(1);
	}

	@Test
	void anInterruptedCallerDoesNotCutTheHoldShortForOthers() throws Exception {
		Thread caller = new Thread(() -> {
			try {
				this.coordinator.drain(DrainTrigger.ENDPOINT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		caller.start();
		while (!this.coordinator.isDraining()) {
			Thread.onSpinWait();
		}
		caller.interrupt();
		caller.join(WAIT.toMillis());
		assertThat(this.coordinator.state()).isEqualTo(DrainState.DRAINING);
		this.gate.open();
		assertThat(this.coordinator.drain(DrainTrigger.SHUTDOWN).outcome().reason()).isEqualTo("gate");
	}

	@Test
	void aFailingStrategyFallsBackToTheMaximumHold() throws Exception {
		ManualTicker ticker = new ManualTicker();
		DrainCoordinator failing = DrainCoordinator.builder().strategy(HoldStrategy.stateless("broken", (context) -> {
			throw new IllegalStateException("boom");
		}))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(ticker)
			.build();
		DrainResult result = failing.drain(DrainTrigger.API);
		assertThat(result.outcome().reason()).isEqualTo("max-hold");
		assertThat(result.outcome().held()).isEqualTo(Duration.ofSeconds(30));
		assertThat(failing.status().holdFailure()).contains("boom");
	}

	@Test
	void aFailingListenerDoesNotStopTheDrain() throws Exception {
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ZERO))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(5)))
			.listener(new DrainListener() {
				@Override
				public void drainStarted(DrainStatus drain) {
					throw new IllegalStateException("listener failure");
				}
			})
			.holdThreads((task) -> {
				Thread thread = new Thread(task);
				thread.setUncaughtExceptionHandler((t, ex) -> {
				});
				return thread;
			})
			.build();
		Thread.currentThread().setUncaughtExceptionHandler((t, ex) -> {
		});
		try {
			assertThat(coordinator.drain(DrainTrigger.API).outcome().reason()).isEqualTo("delay");
		}
		finally {
			Thread.currentThread().setUncaughtExceptionHandler(null);
		}
	}

	@Test
	void aDrainBeforeTheInstanceWasEverReadyEndsAtOnceWithoutAskingTheStrategy() throws Exception {
		AtomicInteger started = new AtomicInteger();
		HoldStrategy neverReleases = new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				started.incrementAndGet();
				return (now) -> HoldDecision.keepHolding();
			}

			@Override
			public String name() {
				return "never-releases";
			}

		};
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(neverReleases)
			.bounds(new HoldBounds(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.everReady(() -> false)
			.listener(this.listener)
			.build();
		DrainResult result = coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(result.outcome().reason()).isEqualTo(HoldOutcome.NEVER_READY);
		assertThat(result.outcome().held()).isZero();
		assertThat(started).hasValue(0);
		assertThat(coordinator.status().holdEndReason()).isEqualTo(HoldOutcome.NEVER_READY);
		assertThat(this.listener.events).containsExactly("started:shutdown", "ended:never-ready");
	}

	@Test
	void whetherTheInstanceWasEverReadyIsAskedAsTheDrainStarts() throws Exception {
		AtomicBoolean ready = new AtomicBoolean();
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(3)))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.everReady(ready::get)
			.build();
		ready.set(true);
		DrainResult result = coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(result.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
		assertThat(result.outcome().held()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void anInstanceWhoseReadinessCannotBeToldHolds() throws Exception {
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(3)))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.everReady(() -> {
				throw new IllegalStateException("no readiness here");
			})
			.build();
		DrainResult result = coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(result.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
	}

	@Test
	void statusDescribesTheDrain() throws Exception {
		assertThat(this.coordinator.status().state()).isEqualTo(DrainState.SERVING);
		assertThat(this.coordinator.status().drainStartedAt()).isNull();
		this.coordinator.traffic().requestStarted();
		this.coordinator.startDrain(DrainTrigger.API);
		this.coordinator.traffic().requestStarted();
		DrainStatus draining = this.coordinator.status();
		assertThat(draining.state()).isEqualTo(DrainState.DRAINING);
		assertThat(draining.drainStartedAt()).isNotNull();
		assertThat(draining.inFlight()).isEqualTo(2);
		assertThat(draining.requestsAfterDrainStart()).isEqualTo(1);
		assertThat(draining.strategy()).isEqualTo("gate");
		assertThat(draining.holdEndReason()).isNull();
		this.gate.open();
		this.coordinator.drain(DrainTrigger.API);
		assertThat(this.coordinator.status().holdEndReason()).isEqualTo("gate");
	}

	static final class GateStrategy implements HoldStrategy, HoldEvaluator {

		private final CountDownLatch open = new CountDownLatch(1);

		final AtomicInteger holds = new AtomicInteger();

		private final ThreadLocal<Boolean> seen = ThreadLocal.withInitial(() -> false);

		void open() {
			this.open.countDown();
		}

		@Override
		public HoldEvaluator start(HoldContext context) {
			return this;
		}

		@Override
		public HoldDecision evaluate(HoldContext context) {
			if (!this.seen.get()) {
				this.seen.set(true);
				this.holds.incrementAndGet();
			}
			return (this.open.getCount() == 0) ? HoldDecision.release("gate") : HoldDecision.keepHolding();
		}

		@Override
		public String name() {
			return "gate";
		}

	}

	static final class RecordingListener implements DrainListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void drainStarted(DrainStatus drain) {
			this.events.add("started:" + drain.trigger().displayName());
		}

		@Override
		public void holdEnded(DrainResult result) {
			this.events.add("ended:" + result.outcome().reason());
		}

		@Override
		public void stopping() {
			this.events.add("stopping");
		}

	}

}
