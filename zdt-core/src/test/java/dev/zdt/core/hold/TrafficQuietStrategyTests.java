package dev.zdt.core.hold;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrafficQuietStrategyTests {

	private final TrafficQuietStrategy strategy = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	@Test
	void highTrafficIsJudgedBySilenceOfTheMinimumQuietPeriod() {
		assertThat(this.strategy.requiredQuiet(context(600, 0, Duration.ZERO, Duration.ZERO))).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.strategy.evaluate(context(600, 0, Duration.ZERO, Duration.ofMillis(999))).isRelease()).isFalse();
		assertThat(this.strategy.evaluate(context(600, 0, Duration.ZERO, Duration.ofSeconds(1))).releaseReason())
			.isEqualTo("traffic-quiet");
	}

	@Test
	void lowTrafficNeedsSilenceThatWouldBeOneInAMillionByChance() {
		Duration required = this.strategy.requiredQuiet(context(1, 0, Duration.ZERO, Duration.ZERO));
		assertThat(required).isBetween(Duration.ofMillis(13_800), Duration.ofMillis(13_830));
		assertThat(this.strategy.evaluate(context(1, 0, Duration.ZERO, Duration.ofSeconds(13))).isRelease()).isFalse();
		assertThat(this.strategy.evaluate(context(1, 0, Duration.ZERO, Duration.ofSeconds(14))).isRelease()).isTrue();
	}

	@Test
	void noTrafficGivesNoEvidenceSoTheHoldGoesOn() {
		assertThat(this.strategy.requiredQuiet(context(0, 0, Duration.ZERO, Duration.ofHours(1)))).isNull();
		assertThat(this.strategy.evaluate(context(0, 0, Duration.ZERO, Duration.ofHours(1))).isRelease()).isFalse();
	}

	@Test
	void trafficThinningOutDuringTheDrainLengthensTheRequiredSilence() {
		// 600 req/s before, but only 10 requests in the 5 s after the drain started: 2 req/s.
		Duration required = this.strategy.requiredQuiet(context(600, 10, Duration.ofSeconds(5), Duration.ZERO));
		assertThat(required).isBetween(Duration.ofMillis(6_900), Duration.ofMillis(6_910));
	}

	@Test
	void rejectsAProbabilityOutsideZeroAndOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrafficQuietStrategy(Duration.ZERO, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrafficQuietStrategy(Duration.ZERO, 0));
	}

	private static HoldContext context(double rate, long during, Duration span, Duration quiet) {
		return new HoldContext(Duration.ofSeconds(30), rate, during, span, quiet);
	}

}
