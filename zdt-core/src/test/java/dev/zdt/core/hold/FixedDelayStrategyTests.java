package dev.zdt.core.hold;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedDelayStrategyTests {

	private final FixedDelayStrategy strategy = new FixedDelayStrategy(Duration.ofSeconds(10));

	@Test
	void keepsHoldingBeforeTheDelayEvenWhenTrafficIsQuiet() {
		assertThat(this.strategy.evaluate(context(Duration.ofMillis(9_999), Duration.ofSeconds(9))).isRelease())
			.isFalse();
	}

	@Test
	void releasesWithReasonDelayOnceTheDelayHasPassed() {
		assertThat(this.strategy.evaluate(context(Duration.ofSeconds(10), Duration.ZERO)).releaseReason())
			.isEqualTo("delay");
	}

	private static HoldContext context(Duration elapsed, Duration quiet) {
		return new HoldContext(elapsed, 100, 0, Duration.ZERO, quiet);
	}

}
