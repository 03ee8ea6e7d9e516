package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LagRange}.
 *
 * @author zdt
 */
class LagRangeTests {

	@Test
	void parsesSecondsAndDrawsWithinTheRange() {
		LagRange range = LagRange.parse("2-15");
		assertThat(range.min()).isEqualTo(Duration.ofSeconds(2));
		assertThat(range.max()).isEqualTo(Duration.ofSeconds(15));
		assertThat(range.label()).isEqualTo("2–15 s");
		Random random = new Random(7);
		for (int i = 0; i < 1000; i++) {
			assertThat(range.draw(random)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
		}
	}

	@Test
	void parsesFractionsAndSingleValues() {
		assertThat(LagRange.parse("0.5-1.5").label()).isEqualTo("0.5–1.5 s");
		assertThat(LagRange.parse("3").draw(new Random())).isEqualTo(Duration.ofSeconds(3));
	}

}
