package dev.zdt.core.hold;

import java.time.Duration;

import dev.zdt.core.traffic.TrafficHistory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrafficQuietStrategyTests {

	private static final TrafficHistory STEADY = new TrafficHistory(Duration.ofMinutes(5), Duration.ofMillis(30), 300,
			600);

	private final TrafficQuietStrategy strategy = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	@Test
	void highTrafficIsJudgedBySilenceOfTheMinimumQuietPeriod() {
		assertThat(this.strategy.requiredQuiet(context(600, STEADY, Duration.ZERO))).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.strategy.evaluate(context(600, STEADY, Duration.ofMillis(999))).isRelease()).isFalse();
		HoldDecision decision = this.strategy.evaluate(context(600, STEADY, Duration.ofSeconds(1)));
		assertThat(decision.releaseReason()).isEqualTo("traffic-quiet");
		assertThat(decision.detail()).startsWith("rule=min-quiet: silence 1.000s >= required 1.000s");
	}

	@Test
	void lowTrafficNeedsSilenceThatWouldBeOneInAMillionByChance() {
		TrafficHistory oneASecond = new TrafficHistory(Duration.ofMinutes(5), Duration.ofMillis(1_500), 300, 1);
		Duration required = this.strategy.requiredQuiet(context(1, oneASecond, Duration.ZERO));
		assertThat(required).isBetween(Duration.ofMillis(13_800), Duration.ofMillis(13_830));
		assertThat(this.strategy.judge(context(1, oneASecond, Duration.ZERO)).rule()).isEqualTo("poisson");
		assertThat(this.strategy.evaluate(context(1, oneASecond, Duration.ofSeconds(13))).isRelease()).isFalse();
		assertThat(this.strategy.evaluate(context(1, oneASecond, Duration.ofSeconds(14))).isRelease()).isTrue();
	}

	@Test
	void aSilenceMustBeClearlyLongerThanTheLongestBeforeTheDrain() {
		// 200 req/s on average, but in bursts with 2 s silences between them, 100 busy
		// seconds.
		TrafficHistory bursty = new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(2), 100, 200);
		TrafficQuietStrategy.Verdict verdict = this.strategy.judge(context(200, bursty, Duration.ZERO));
		assertThat(verdict.rule()).isEqualTo("history");
		// 2 s x ln(10^6) / ln(100) = 2 s x 3
		assertThat(verdict.requiredQuiet()).isBetween(Duration.ofMillis(5_990), Duration.ofMillis(6_010));
		assertThat(this.strategy.evaluate(context(200, bursty, Duration.ofMillis(5_900))).isRelease()).isFalse();
	}

	@Test
	void aBurstBeforeTheDrainDoesNotShortenTheSilenceATrickleNeeds() {
		// 209 req/s as a 30 s mean after a burst, but the steady rate is one request
		// every 6 s.
		TrafficHistory burstThenTrickle = new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(6), 52, 1 / 6.0);
		Duration required = this.strategy.requiredQuiet(context(209, burstThenTrickle, Duration.ZERO));
		assertThat(required).isGreaterThan(Duration.ofSeconds(20));
	}

	@Test
	void tooShortAHistoryGivesNoVerdictAndSaysWhy() {
		TrafficHistory oneSecond = new TrafficHistory(Duration.ofSeconds(1), Duration.ZERO, 1, 600);
		TrafficQuietStrategy.Verdict verdict = this.strategy.judge(context(600, oneSecond, Duration.ofHours(1)));
		assertThat(verdict.requiredQuiet()).isNull();
		assertThat(verdict.rule()).isEqualTo("history-too-short");
		assertThat(this.strategy.evaluate(context(600, oneSecond, Duration.ofHours(1))).isRelease()).isFalse();
	}

	@Test
	void aContextWithoutHistoryGivesNoEvidence() {
		HoldContext context = new HoldContext(Duration.ofSeconds(30), 600, 0, Duration.ZERO, Duration.ofHours(1));
		assertThat(this.strategy.evaluate(context).isRelease()).isFalse();
	}

	@Test
	void noTrafficGivesNoEvidenceSoTheHoldGoesOn() {
		TrafficQuietStrategy.Verdict verdict = this.strategy
			.judge(context(0, TrafficHistory.none(), Duration.ofHours(1)));
		assertThat(verdict.requiredQuiet()).isNull();
		assertThat(verdict.rule()).isEqualTo("no-traffic");
		assertThat(this.strategy.evaluate(context(0, TrafficHistory.none(), Duration.ofHours(1))).isRelease())
			.isFalse();
	}

	@Test
	void trafficThinningOutDuringTheDrainLengthensTheRequiredSilence() {
		// 600 req/s before, but only 10 requests in the 5 s after the drain started: 2
		// req/s.
		HoldContext context = new HoldContext(Duration.ofSeconds(30), 600, 10, Duration.ofSeconds(5), Duration.ZERO,
				STEADY);
		assertThat(this.strategy.requiredQuiet(context)).isBetween(Duration.ofMillis(6_900), Duration.ofMillis(6_910));
	}

	@Test
	void aGenerousProbabilityNeverAcceptsASilenceShorterThanOneSeenBefore() {
		TrafficQuietStrategy lax = new TrafficQuietStrategy(Duration.ofMillis(100), 0.01);
		TrafficHistory pauses = new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(3), 300, 600);
		assertThat(lax.requiredQuiet(context(600, pauses, Duration.ZERO))).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void evidenceShowsTheRequiredSilenceAndTheLongestSilenceBeforeTheDrain() {
		TrafficHistory bursty = new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(2), 100, 200);
		assertThat(this.strategy.evidence(context(200, bursty, Duration.ofSeconds(1)))).containsEntry("rule", "history")
			.containsEntry("requiredSilenceMs", 6000L)
			.containsEntry("silenceMs", 1000L)
			.containsEntry("longestSilenceBeforeDrainMs", 2000L)
			.containsEntry("busySecondsBeforeDrain", 100);
	}

	@Test
	void rejectsAProbabilityOutsideZeroAndOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrafficQuietStrategy(Duration.ZERO, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrafficQuietStrategy(Duration.ZERO, 0));
	}

	private static HoldContext context(double rate, TrafficHistory history, Duration quiet) {
		return new HoldContext(Duration.ofSeconds(30), rate, 0, Duration.ZERO, quiet, history);
	}

}
