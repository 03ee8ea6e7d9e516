package dev.zdt.core.traffic;

import java.time.Duration;

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

	private void arrive(int perSecond, Duration gap, int seconds) {
		for (int i = 0; i < perSecond * seconds; i++) {
			this.monitor.requestStarted();
			this.monitor.requestFinished();
			this.ticker.advance(gap);
		}
	}

}
