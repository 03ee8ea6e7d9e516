package dev.zdt.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
		assertThat(budget.longestDrainWait()).isEqualTo(coordinator.bounds().maxHold().plus(ShutdownBudget.WAIT_MARGIN))
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

	private static final int KAFKA = Integer.MAX_VALUE - 100;

	private static final int EXECUTOR = Integer.MAX_VALUE / 2;

	private static ShutdownPhase phase(int phase, String bean, long seconds) {
		return new ShutdownPhase(phase, List.of(bean), Duration.ofSeconds(seconds));
	}

	private static ShutdownBudget withPhases(long maxHold, ShutdownPhase... phases) {
		return new ShutdownBudget(Duration.ofSeconds(maxHold), THIRTY).withPhases(List.of(phases));
	}

	@Test
	void whenThePhasesAreNotKnownTheWebServersGracefulShutdownIsTheOnePhase() {
		assertThat(this.budget.phases()).singleElement()
			.isEqualTo(ShutdownPhase.webServerGracefulShutdown(THIRTY))
			.satisfies((phase) -> assertThat(phase.phase()).isEqualTo(Integer.MAX_VALUE - 1024));
	}

	@Test
	void gracePeriodMustCoverEveryPhaseThatStopsAfterTheHold() {
		ShutdownBudget budget = withPhases(30, phase(EXECUTOR, "applicationTaskExecutor", 30),
				phase(KAFKA, "internalKafkaListenerEndpointRegistry", 30),
				phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", 30));
		assertThat(budget.requiredGracePeriod()).isEqualTo(Duration.ofSeconds(122));
		assertThat(budget.fitsGracePeriod(Duration.ofSeconds(62))).isFalse();
		assertThat(budget.phases()).extracting(ShutdownPhase::phase)
			.containsExactly(KAFKA, ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, EXECUTOR);
	}

	@Test
	void noPhaseLeavesTheHoldTheResourceReleaseAndTheExit() {
		assertThat(withPhases(30).withResourceRelease(Duration.ofSeconds(2)).requiredGracePeriod())
			.isEqualTo(Duration.ofSeconds(34));
	}

	@Test
	void theFirstPhaseThatDoesNotFitIsNamedInTheOrderThePhasesStop() {
		ShutdownPhase kafka = phase(KAFKA, "internalKafkaListenerEndpointRegistry", 30);
		ShutdownPhase web = phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", 30);
		ShutdownBudget budget = withPhases(30, web, kafka);
		assertThat(budget.firstPhaseBeyond(Duration.ofSeconds(61))).isEqualTo(kafka);
		assertThat(budget.firstPhaseBeyond(Duration.ofSeconds(62))).isEqualTo(web);
		assertThat(budget.firstPhaseBeyond(Duration.ofSeconds(92))).isNull();
	}

	@ParameterizedTest(name = "its stop {0}s, then a phase of {1}s: grace period {2}s")
	@CsvSource({ "30,0,32", "45,0,47", "10,0,32", "10,20,52", "45,20,67" })
	void aPhaseThatBeginsItsStopWhenTheDrainStartsCountsTheLongerOfTheHoldAndItsStop(long stop, long then,
			long required) {
		ShutdownPhase beside = new ShutdownPhase(KAFKA, List.of("kafkaParticipant"), Duration.ofSeconds(stop),
				ShutdownPhase.Overlap.HOLD);
		ShutdownBudget budget = (then > 0) ? withPhases(30, beside, phase(EXECUTOR, "executor", then))
				: withPhases(30, beside);
		assertThat(budget.requiredGracePeriod()).isEqualTo(Duration.ofSeconds(required));
	}

	@ParameterizedTest(name = "grace {0}s, phase {1}s: max hold {2}ms")
	@CsvSource({ "62,30,30000", "100,30,30000", "50,10,30000", "40,10,28000", "40,20,19000", "30,30,14000",
			"30,0,28000", "2,30,0" })
	void theMaxHoldIsFittedIntoTheGracePeriodButKeepsHalfOfItWhenThePhasesWouldTakeItAll(long grace, long phase,
			long maxHold) {
		ShutdownBudget budget = withPhases(30,
				phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", phase));
		assertThat(budget.fittedMaxHold(Duration.ofSeconds(grace))).isEqualTo(Duration.ofMillis(maxHold));
	}

	@Test
	void aPhaseBesideTheHoldLeavesTheHoldItsTime() {
		ShutdownBudget budget = withPhases(30, new ShutdownPhase(KAFKA, List.of("kafkaParticipant"),
				Duration.ofSeconds(25), ShutdownPhase.Overlap.HOLD));
		assertThat(budget.fittedMaxHold(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(28));
	}

	@Test
	void afterTheHoldEachPhaseGetsAtMostWhatIsLeftBeforeTheGracePeriodRunsOut() {
		ShutdownBudget budget = withPhases(14, phase(KAFKA, "internalKafkaListenerEndpointRegistry", 30),
				phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", 5),
				phase(EXECUTOR, "applicationTaskExecutor", 30));
		// The web server's 5 s come first; the phases before and after it share the rest.
		assertThat(budget.phaseCaps(Duration.ofSeconds(30), Duration.ofSeconds(14)))
			.containsExactly(Map.entry(KAFKA, Duration.ofSeconds(9)), Map.entry(EXECUTOR, Duration.ZERO));
		assertThat(budget.phaseCaps(Duration.ofSeconds(30), Duration.ofSeconds(3)))
			.containsExactly(Map.entry(KAFKA, Duration.ofSeconds(20)), Map.entry(EXECUTOR, Duration.ZERO));
		assertThat(budget.phaseCaps(Duration.ofSeconds(50), Duration.ofSeconds(3)))
			.containsExactly(Map.entry(EXECUTOR, Duration.ofSeconds(10)));
		assertThat(budget.phaseCaps(Duration.ofSeconds(81), Duration.ofSeconds(14))).isEmpty();
	}

	@Test
	void theWebServersGracefulShutdownIsServedFirstWhateverPhasesStopBeforeIt() {
		// A Kafka listener registry stops before the web server, an executor after it:
		// requests in flight (and the participants awaited beside them) come first.
		ShutdownBudget budget = withPhases(14, phase(KAFKA, "internalKafkaListenerEndpointRegistry", 30),
				phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", 30),
				phase(EXECUTOR, "applicationTaskExecutor", 30));
		assertThat(budget.phaseCaps(Duration.ofSeconds(30), Duration.ofSeconds(14))).containsExactly(
				Map.entry(KAFKA, Duration.ZERO),
				Map.entry(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, Duration.ofSeconds(14)),
				Map.entry(EXECUTOR, Duration.ZERO));
	}

	@Test
	void aPhaseBesideTheHoldIsCappedByTheTimeSinceTheDrainStarted() {
		ShutdownBudget budget = withPhases(30, new ShutdownPhase(KAFKA, List.of("kafkaParticipant"),
				Duration.ofSeconds(40), ShutdownPhase.Overlap.HOLD), phase(EXECUTOR, "applicationTaskExecutor", 30));
		// 20 s after the hold the phase has had 40 s from the drain's start; the grace
		// period leaves 28 s, so it may take 8 s and the executor nothing.
		assertThat(budget.phaseCaps(Duration.ofSeconds(30), Duration.ofSeconds(20)))
			.containsExactly(Map.entry(KAFKA, Duration.ofSeconds(8)), Map.entry(EXECUTOR, Duration.ZERO));
	}

	@Test
	void aPhaseWhoseWorkTheParticipantsAwaitedInAnEarlierPhaseCountsNothing() {
		ShutdownPhase awaited = new ShutdownPhase(EXECUTOR, List.of("applicationTaskExecutor"), Duration.ofSeconds(30),
				ShutdownPhase.Overlap.EARLIER_PHASE);
		ShutdownBudget budget = withPhases(30,
				phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", 30), awaited);
		assertThat(budget.requiredGracePeriod()).isEqualTo(Duration.ofSeconds(62));
		assertThat(budget.firstPhaseBeyond(Duration.ofSeconds(62))).isNull();
		assertThat(budget.fittedMaxHold(Duration.ofSeconds(62))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aPhaseWhoseWorkWasAwaitedEarlierGetsAtMostWhatIsLeftAndTakesNothingFromTheOthers() {
		ShutdownBudget budget = withPhases(30,
				phase(ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN, "webServerGracefulShutdown", 30),
				new ShutdownPhase(EXECUTOR, List.of("applicationTaskExecutor"), Duration.ofSeconds(30),
						ShutdownPhase.Overlap.EARLIER_PHASE),
				phase(EXECUTOR - 1, "late", 10));
		// Hold 20 s, grace 72 s: 50 s left, the web server's 30 s first, then the late
		// phase's 10 s; 10 s are left, which bound the awaited phase should work have
		// started again.
		assertThat(budget.phaseCaps(Duration.ofSeconds(72), Duration.ofSeconds(20)))
			.containsExactly(Map.entry(EXECUTOR, Duration.ofSeconds(10)));
		assertThat(budget.phaseCaps(Duration.ofSeconds(62), Duration.ofSeconds(30)))
			.containsExactly(Map.entry(EXECUTOR, Duration.ZERO), Map.entry(EXECUTOR - 1, Duration.ZERO));
		assertThat(budget.phaseCaps(Duration.ofSeconds(102), Duration.ofSeconds(30))).isEmpty();
	}

	@Test
	void aNegativePhaseTimeoutIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ShutdownPhase(KAFKA, List.of("registry"), Duration.ofSeconds(-1)))
			.withMessageContaining("timeout");
	}

}
