package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightWaitCapTests {

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
		InFlightWaitCap cap = new InFlightWaitCap(() -> null, 0, () -> BUDGET, () -> null);
		assertThat(cap.cap(Duration.ofSeconds(25))).isNull();
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
		return new InFlightWaitCap(() -> null, 0, () -> BUDGET, () -> loadBalancer);
	}

}
