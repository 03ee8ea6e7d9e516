package dev.zdt.core.traffic;

import java.time.Duration;
import java.util.Map;

import dev.zdt.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficMonitorTests {

	private final ManualTicker ticker = new ManualTicker();

	private final TrafficMonitor monitor = new TrafficMonitor(this.ticker);

	@Test
	void inFlightCountsStartedRequestsUntilTheyFinish() {
		this.monitor.requestStarted();
		this.monitor.requestStarted();
		this.monitor.requestFinished();
		assertThat(this.monitor.inFlight()).isEqualTo(1);
		assertThat(this.monitor.arrivals()).isEqualTo(2);
	}

	@Test
	void lastArrivalIsTheTimeOfTheLatestRequest() {
		assertThat(this.monitor.lastArrivalNanos()).isEqualTo(Long.MIN_VALUE);
		this.ticker.advance(Duration.ofSeconds(3));
		this.monitor.requestStarted();
		assertThat(this.monitor.lastArrivalNanos()).isEqualTo(this.ticker.nanos());
	}

	@Test
	void arrivalRateIsMeanOverTheLastThirtySeconds() {
		arrive(100, Duration.ofMillis(10), 60);
		assertThat(this.monitor.arrivalRate(this.ticker.nanos())).isCloseTo(100.0, within(5.0));
	}

	@Test
	void arrivalRateOfAYoungMonitorUsesItsAge() {
		arrive(10, Duration.ofMillis(100), 5);
		assertThat(this.monitor.arrivalRate(this.ticker.nanos())).isCloseTo(10.0, within(0.5));
	}

	@Test
	void arrivalRateOfTrafficThatStartedRecentlyUsesTheTimeSinceTheFirstRequest() {
		this.ticker.advance(Duration.ofSeconds(40));
		arrive(50, Duration.ofMillis(20), 4);
		assertThat(this.monitor.arrivalRate(this.ticker.nanos())).isCloseTo(50.0, within(3.0));
	}

	@Test
	void arrivalRateForgetsTrafficOlderThanTheWindow() {
		arrive(100, Duration.ofMillis(10), 10);
		this.ticker.advance(Duration.ofSeconds(40));
		assertThat(this.monitor.arrivalRate(this.ticker.nanos())).isZero();
	}

	@Test
	void arrivalRateIsNotFooledByTheRingWrappingAround() {
		arrive(100, Duration.ofMillis(10), 10);
		this.ticker.advance(Duration.ofSeconds(64));
		this.monitor.requestStarted();
		assertThat(this.monitor.arrivalRate(this.ticker.nanos())).isLessThan(0.1);
	}

	@Test
	void historyKeepsTheLongestSilenceAndCountsBusySecondsNotRequests() {
		arrive(100, Duration.ofMillis(10), 10);
		this.ticker.advance(Duration.ofMillis(2_500));
		arrive(100, Duration.ofMillis(10), 10);
		TrafficHistory history = this.monitor.history(this.ticker.nanos());
		assertThat(history.longestSilence()).isEqualTo(Duration.ofMillis(2_510));
		assertThat(history.busySeconds()).isBetween(20, 21);
		assertThat(history.observed()).isEqualTo(Duration.ofMillis(22_500));
	}

	@Test
	void historyIgnoresTheGapsOfBusyTraffic() {
		arrive(200, Duration.ofMillis(5), 30);
		assertThat(this.monitor.history(this.ticker.nanos()).longestSilence()).isZero();
	}

	@Test
	void historyForgetsSilencesOlderThanFiveMinutes() {
		this.monitor.requestStarted();
		this.ticker.advance(Duration.ofSeconds(20));
		arrive(1, Duration.ofSeconds(1), 310);
		TrafficHistory history = this.monitor.history(this.ticker.nanos());
		assertThat(history.longestSilence()).isEqualTo(Duration.ofSeconds(1));
		assertThat(history.busySeconds()).isBetween(290, 300);
		assertThat(history.observed()).isEqualTo(TrafficMonitor.HISTORY);
	}

	@Test
	void steadyRateIsNotInflatedByABurst() {
		arrive(1, Duration.ofSeconds(1), 20);
		arrive(3000, Duration.ofNanos(333_333), 1);
		arrive(1, Duration.ofSeconds(1), 9);
		TrafficHistory history = this.monitor.history(this.ticker.nanos());
		assertThat(this.monitor.arrivalRate(this.ticker.nanos())).isGreaterThan(90);
		assertThat(history.steadyRate()).isCloseTo(1.0, within(0.01));
	}

	@Test
	void steadyRateOfSteadyTrafficIsItsRate() {
		arrive(100, Duration.ofMillis(10), 60);
		assertThat(this.monitor.history(this.ticker.nanos()).steadyRate()).isCloseTo(100.0, within(0.5));
	}

	@Test
	void longestSilenceDuringAPeriodSeesOnlyRecentSlots() {
		this.monitor.requestStarted();
		this.ticker.advance(Duration.ofSeconds(64));
		arrive(10, Duration.ofMillis(100), 30);
		long from = this.ticker.nanos();
		this.ticker.advance(Duration.ofSeconds(3));
		this.monitor.requestStarted();
		assertThat(this.monitor.longestSilence(from, this.ticker.nanos())).isEqualTo(Duration.ofMillis(3_100));
	}

	@Test
	void eachSourceHasItsOwnHistory() {
		for (int i = 0; i < 300; i++) {
			this.monitor.requestStarted("10.0.1.10");
			this.ticker.advance(Duration.ofMillis(100));
			if (i % 20 == 0) {
				this.monitor.requestStarted("10.0.2.10");
			}
		}
		Map<String, TrafficSource> sources = this.monitor.sources();
		assertThat(sources).containsOnlyKeys("10.0.1.10", "10.0.2.10");
		assertThat(sources.get("10.0.1.10").history(this.ticker.nanos()).longestSilence())
			.isEqualTo(Duration.ofMillis(100));
		assertThat(sources.get("10.0.2.10").history(this.ticker.nanos()).longestSilence())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(this.monitor.history(this.ticker.nanos()).busySeconds()).isEqualTo(30);
	}

	@Test
	void sourcesBeyondTheTablePoolTheirTraffic() {
		for (int i = 0; i < TrafficMonitor.SOURCES + 4; i++) {
			this.monitor.requestStarted("10.0.0." + i);
			this.ticker.advance(Duration.ofMillis(10));
		}
		Map<String, TrafficSource> sources = this.monitor.sources();
		assertThat(sources).hasSize(TrafficMonitor.SOURCES + 1).containsKey("(other)");
		assertThat(this.monitor.arrivals()).isEqualTo(TrafficMonitor.SOURCES + 4);
	}

	@Test
	void aSourceIdleForFiveMinutesGivesItsPlaceToANewOne() {
		for (int i = 0; i < TrafficMonitor.SOURCES; i++) {
			this.monitor.requestStarted("10.0.0." + i);
		}
		this.ticker.advance(Duration.ofMinutes(6));
		this.monitor.requestStarted("10.0.9.9");
		assertThat(this.monitor.sources()).hasSize(TrafficMonitor.SOURCES)
			.containsKey("10.0.9.9")
			.doesNotContainKey("(other)");
		assertThat(this.monitor.sources().get("10.0.9.9").history(this.ticker.nanos()).busySeconds()).isOne();
	}

	@Test
	void requestsWithoutASourceCountOnlyInAllTraffic() {
		this.monitor.requestStarted();
		assertThat(this.monitor.sources()).isEmpty();
		assertThat(this.monitor.arrivals()).isOne();
	}

	@Test
	void aMonitorWithoutTrafficHasNoHistory() {
		assertThat(this.monitor.history(this.ticker.nanos())).isEqualTo(TrafficHistory.none());
	}

	private void arrive(int perSecond, Duration gap, int seconds) {
		for (int i = 0; i < perSecond * seconds; i++) {
			this.monitor.requestStarted();
			this.monitor.requestFinished();
			this.ticker.advance(gap);
		}
	}

}
