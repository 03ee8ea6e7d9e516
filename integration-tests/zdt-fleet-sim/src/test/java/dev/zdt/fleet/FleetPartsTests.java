package dev.zdt.fleet;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the simulation's parts; the simulation itself is a command, not a test.
 */
class FleetPartsTests {

	@Test
	void rollingUpdateDrainsAQuarterOfTheFleetEveryTenSeconds() {
		assertThat(Schedule.ROLLING.drainAfterNanos(0, 500)).isZero();
		assertThat(Schedule.ROLLING.drainAfterNanos(124, 500)).isZero();
		assertThat(Schedule.ROLLING.drainAfterNanos(125, 500)).isEqualTo(10_000_000_000L);
		assertThat(Schedule.ROLLING.drainAfterNanos(499, 500)).isEqualTo(30_000_000_000L);
	}

	@Test
	void nodeDrainStartsEveryDrainWithinTwoSeconds() {
		assertThat(Schedule.NODE_DRAIN.drainAfterNanos(499, 500)).isLessThan(2_000_000_000L);
	}

	@Test
	void statsAreMedianNinetyFifthPercentileAndMaximum() {
		List<Long> values = new ArrayList<>();
		for (long i = 1; i <= 100; i++) {
			values.add(i * 1_000_000_000L);
		}
		assertThat(Stats.of(values).seconds()).isEqualTo("50.0 / 95.0 / 100.0");
		assertThat(Stats.of(List.of()).seconds()).isEqualTo("–");
	}

	@Test
	void podAddressesAreDistinctAndInTheBenchmarkRange() {
		assertThat(FleetRun.ip(0)).isEqualTo("198.18.0.1");
		assertThat(FleetRun.ip(999)).isEqualTo("198.18.3.250");
	}

}
