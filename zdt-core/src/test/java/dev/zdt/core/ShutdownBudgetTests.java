package dev.zdt.core;

import java.time.Duration;

import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ShutdownBudgetTests {

	private static final Duration THIRTY = Duration.ofSeconds(30);

	private final ShutdownBudget budget = new ShutdownBudget(THIRTY, THIRTY);

	@Test
	void gracePeriodMustCoverTheHoldTheGracefulShutdownAndTheExit() {
		assertThat(this.budget.requiredGracePeriod()).isEqualTo(Duration.ofSeconds(62));
		assertThat(this.budget.fitsGracePeriod(Duration.ofSeconds(62))).isTrue();
		assertThat(this.budget.fitsGracePeriod(Duration.ofSeconds(61))).isFalse();
	}

	@Test
	void gracePeriodAlsoCoversTheReleaseOfTheServersResourcesButTheDeregistrationDelayDoesNot() {
		ShutdownBudget reactive = this.budget.withResourceRelease(Duration.ofSeconds(2));
		assertThat(reactive.requiredGracePeriod()).isEqualTo(Duration.ofSeconds(64));
		assertThat(reactive.fitsGracePeriod(Duration.ofSeconds(62))).isFalse();
		assertThat(reactive.requiredDeregistrationDelay()).isEqualTo(Duration.ofSeconds(60));
		assertThat(reactive.holdPhaseTimeout()).isEqualTo(this.budget.holdPhaseTimeout());
	}

	@Test
	void deregistrationDelayMustCoverTheHoldAndTheGracefulShutdown() {
		assertThat(this.budget.requiredDeregistrationDelay()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.budget.fitsDeregistrationDelay(Duration.ofSeconds(60))).isTrue();
		assertThat(this.budget.fitsDeregistrationDelay(Duration.ofSeconds(59))).isFalse();
	}

	@ParameterizedTest(name = "max hold {0}s, phase timeout {1}s: hold phase {2}s")
	@CsvSource({ "30,30,35", "60,30,65", "0,30,30", "10,60,60" })
	void holdPhaseHasRoomForTheLongestHoldAndNeverLessThanEveryOtherPhase(long maxHold, long phaseTimeout,
			long holdPhase) {
		ShutdownBudget budget = new ShutdownBudget(Duration.ofSeconds(maxHold), Duration.ofSeconds(phaseTimeout));
		assertThat(budget.holdPhaseTimeout()).isEqualTo(Duration.ofSeconds(holdPhase));
	}

	@ParameterizedTest(name = "max hold {0}s, phase timeout {1}s")
	@CsvSource({ "30,30", "60,1", "0,0" })
	void theHoldPhaseOutlastsTheLongestWaitForTheCoordinatorSoTheCoordinatorEndsIt(long maxHold, long phaseTimeout) {
		ShutdownBudget budget = new ShutdownBudget(Duration.ofSeconds(maxHold), Duration.ofSeconds(phaseTimeout));
		assertThat(budget.holdPhaseTimeout()).isGreaterThan(budget.longestDrainWait());
	}

	@Test
	void builtFromTheCoordinatorsBoundsItWaitsAsLongAsTheCoordinatorDoes() {
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(1)))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(45), Duration.ofMillis(100)))
			.build();
		ShutdownBudget budget = ShutdownBudget.of(coordinator.bounds(), THIRTY);
		assertThat(budget.maxHold()).isEqualTo(Duration.ofSeconds(45));
		assertThat(budget.longestDrainWait())
			.isEqualTo(coordinator.bounds().maxHold().plus(DrainCoordinator.WAIT_MARGIN))
			.isEqualTo(Duration.ofSeconds(47));
	}

	@Test
	void inFlightWaitIsWhatIsLeftOfTheDeregistrationDelayAfterTheLoadBalancerWasSeenDraining() {
		assertThat(this.budget.inFlightWait(Duration.ofSeconds(25), Duration.ofSeconds(5), Duration.ofSeconds(40)))
			.isEqualTo(Duration.ofSeconds(20));
		// The ALB turned draining 8 s into the hold; its 20 s delay runs until 28 s, not
		// 20 s.
		assertThat(this.budget.inFlightWait(Duration.ofSeconds(13), Duration.ofSeconds(8), Duration.ofSeconds(20)))
			.isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void inFlightWaitIsThePhaseTimeoutWhenTheDeregistrationDelayIsLongerOrUnknown() {
		assertThat(this.budget.inFlightWait(Duration.ofSeconds(25), Duration.ofSeconds(5), Duration.ofSeconds(300)))
			.isEqualTo(THIRTY);
		assertThat(this.budget.inFlightWait(Duration.ofSeconds(25), null, Duration.ofSeconds(20))).isEqualTo(THIRTY);
		assertThat(this.budget.inFlightWait(Duration.ofSeconds(25), Duration.ofSeconds(5), null)).isEqualTo(THIRTY);
	}

	@Test
	void anExpiredDeregistrationDelayLeavesNoInFlightWait() {
		assertThat(this.budget.inFlightWait(Duration.ofSeconds(25), Duration.ofSeconds(5), Duration.ofSeconds(10)))
			.isZero();
	}

	@Test
	void negativeDurationsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ShutdownBudget(Duration.ofSeconds(-1), THIRTY))
			.withMessageContaining("maxHold");
		assertThatIllegalArgumentException().isThrownBy(() -> new ShutdownBudget(THIRTY, Duration.ofSeconds(-1)))
			.withMessageContaining("phaseTimeout");
		assertThatIllegalArgumentException().isThrownBy(() -> this.budget.withResourceRelease(Duration.ofSeconds(-1)))
			.withMessageContaining("resourceRelease");
	}

}
