package dev.zdt.lab.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the {@link TrafficShape}s' schedules.
 *
 * @author zdt
 */
class TrafficShapeTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void steadyTrafficIsEvenlySpacedAtTheRate() {
		List<Long> due = take(new SteadyTraffic(4).schedule(), 5);
		assertThat(due).containsExactly(0L, 250_000_000L, 500_000_000L, 750_000_000L, SECOND);
		assertThat(TrafficShape.of("steady", 600).meanRate()).isEqualTo(600);
	}

	@Test
	void burstyTrafficSendsAtTheRateForOneSecondThenIsSilentForTwo() {
		TrafficShape shape = TrafficShape.of("bursty", 10);
		List<Long> due = take(shape.schedule(), 30);
		assertThat(due.subList(0, 10)).allSatisfy((offset) -> assertThat(offset).isBetween(0L, SECOND - 1));
		assertThat(due.get(1) - due.get(0)).isEqualTo(SECOND / 10);
		assertThat(due.subList(10, 20))
			.allSatisfy((offset) -> assertThat(offset).isBetween(3 * SECOND, 4 * SECOND - 1));
		assertThat(due.get(10)).isEqualTo(3 * SECOND);
		assertThat(due.get(20)).isEqualTo(6 * SECOND);
		assertThat(longestGap(due)).isEqualTo(2 * SECOND + SECOND / 10);
		assertThat(shape.meanRate()).isCloseTo(10 / 3.0, within(1e-9));
		assertThat(shape.label()).isEqualTo("bursty 10 req/s (1 s on / 2 s off)").doesNotContain(",");
	}

	@Test
	void pollersPollAtTheSameInstantEveryPeriod() {
		TrafficShape shape = new PollerTraffic(3, Duration.ofSeconds(5));
		List<Long> due = take(shape.schedule(), 9);
		assertThat(due).containsExactly(0L, 0L, 0L, 5 * SECOND, 5 * SECOND, 5 * SECOND, 10 * SECOND, 10 * SECOND,
				10 * SECOND);
		assertThat(shape.meanRate()).isCloseTo(0.6, within(1e-9));
		assertThat(TrafficShape.of("pollers", 600)).isEqualTo(new PollerTraffic(100, Duration.ofSeconds(3)));
		assertThat(TrafficShape.of("pollers", 600).connections()).isEqualTo(100);
	}

	@Test
	void pageLoadsFireClustersOfFiveToTwentyRequestsSeparatedByThinkTime() {
		PageLoadTraffic shape = new PageLoadTraffic(1, 5, 20, Duration.ofSeconds(2), Duration.ofSeconds(6), 7);
		Map<Long, Integer> loads = clusters(take(shape.schedule(), 2_000));
		assertThat(loads.values()).allSatisfy((requests) -> assertThat(requests).isBetween(5, 20));
		assertThat(loads.values()).contains(5, 20);
		List<Long> starts = new ArrayList<>(loads.keySet());
		for (int i = 1; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 1)).isBetween(2 * SECOND, 6 * SECOND);
		}
	}

	@Test
	void pageLoadsOfSeveralUsersInterleaveInOrderAndRepeatPerSeed() {
		TrafficShape shape = TrafficShape.of("page-loads", 600);
		List<Long> due = take(shape.schedule(), 5_000);
		for (int i = 1; i < due.size(); i++) {
			assertThat(due.get(i)).isGreaterThanOrEqualTo(due.get(i - 1));
		}
		assertThat(take(shape.schedule(), 5_000)).isEqualTo(due);
		double seconds = (due.get(due.size() - 1) - due.get(0)) / 1e9;
		assertThat(due.size() / seconds).isCloseTo(shape.meanRate(), within(shape.meanRate() * 0.1));
		assertThat(clusters(due).values()).allSatisfy((requests) -> assertThat(requests).isBetween(5, 20));
	}

	@Test
	void unknownShapeNamesTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrafficShape.of("poisson", 600))
			.withMessageContaining("steady, bursty, page-loads, pollers");
	}

	private static List<Long> take(Schedule schedule, int count) {
		List<Long> due = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			due.add(schedule.next());
		}
		return due;
	}

	private static long longestGap(List<Long> due) {
		long longest = 0;
		for (int i = 1; i < due.size(); i++) {
			longest = Math.max(longest, due.get(i) - due.get(i - 1));
		}
		return longest;
	}

	private static Map<Long, Integer> clusters(List<Long> due) {
		Map<Long, Integer> clusters = new TreeMap<>();
		due.forEach((offset) -> clusters.merge(offset, 1, Integer::sum));
		// The last cluster may be cut short by the count taken.
		clusters.remove(due.get(due.size() - 1));
		return clusters;
	}

}
