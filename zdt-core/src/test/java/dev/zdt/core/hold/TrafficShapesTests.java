package dev.zdt.core.hold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.zdt.core.internal.Hold;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adaptive hold on the defaults (min-hold 5 s, max-hold 30 s, min-quiet 1 s, one
 * false release in a million) against traffic shapes that are not Poisson. Five minutes
 * of traffic before the drain; during the hold the load balancer keeps routing the same
 * traffic for a lag, then lets go. A release before the load balancer lets go loses
 * requests.
 */
class TrafficShapesTests {

	private static final Duration CHECK = Duration.ofMillis(100);

	private static final HoldBounds DEFAULTS = new HoldBounds(Duration.ofSeconds(5), Duration.ofSeconds(30), CHECK);

	private static final double SECOND = 1e9;

	private final ManualTicker ticker = new ManualTicker();

	private final TrafficMonitor traffic = new TrafficMonitor(this.ticker);

	private final TrafficQuietStrategy adaptive = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	private final Random random = new Random(12);

	@Test
	void burstyOnOffTrafficOutlastsTheLoadBalancer() {
		// 1 s at 600 req/s, then 2 s of silence, again and again; the LB lets go 12.5 s
		// into the drain.
		List<Double> arrivals = new ArrayList<>();
		for (double cycle = 0; cycle < 400; cycle += 3) {
			for (int i = 0; i < 600; i++) {
				arrivals.add(cycle + i / 600.0);
			}
		}
		HoldOutcome outcome = drainAt(arrivals, 300.5, 12.5);
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofMillis(12_500));
		// 2 s silences were ordinary; three times as long is not.
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.held()).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(19));
		assertThat(outcome.detail()).startsWith("rule=history");
	}

	@Test
	void clusteredPageLoadsOutlastTheLoadBalancer() {
		// Five users; each page load fires 5 to 20 requests within 50 ms, then 2 to 10 s
		// of thinking.
		List<Double> arrivals = new ArrayList<>();
		for (int user = 0; user < 5; user++) {
			double at = this.random.nextDouble() * 5;
			while (at < 400) {
				int requests = 5 + this.random.nextInt(16);
				for (int i = 0; i < requests; i++) {
					arrivals.add(at + this.random.nextDouble() * 0.05);
				}
				at += 2 + this.random.nextDouble() * 8;
			}
		}
		HoldOutcome outcome = drainAt(arrivals, 300.2, 12);
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void synchronizedPollersOutlastTheLoadBalancer() {
		// 50 clients poll at the same instant (within 20 ms) every 5 s.
		List<Double> arrivals = new ArrayList<>();
		for (double wave = 0; wave < 400; wave += 5) {
			for (int client = 0; client < 50; client++) {
				arrivals.add(wave + this.random.nextDouble() * 0.02);
			}
		}
		HoldOutcome outcome = drainAt(arrivals, 300.5, 14);
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(14));
	}

	@Test
	void aTrickleAfterABurstIsNotMistakenForSilence() {
		// One request every 6 s, and a burst of 3000 requests 10 s before the drain; the
		// LB keeps routing the trickle for the whole hold.
		List<Double> arrivals = new ArrayList<>();
		for (double at = 0.3; at < 400; at += 6) {
			arrivals.add(at);
		}
		for (int i = 0; i < 3000; i++) {
			arrivals.add(290 + i / 3000.0);
		}
		HoldOutcome outcome = drainAt(arrivals, 300, 60);
		assertThat(outcome.reason()).isEqualTo(HoldOutcome.MAX_HOLD);
	}

	@Test
	void aTrickleAfterAWarmUpBurstIsNotMistakenForSilence() {
		// A pod that got a burst of 3000 requests right after it joined, then one every 6
		// s.
		List<Double> arrivals = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			arrivals.add(i / 3000.0);
		}
		for (double at = 2; at < 200; at += 6) {
			arrivals.add(at);
		}
		HoldOutcome outcome = drainAt(arrivals, 40, 60);
		assertThat(outcome.reason()).isEqualTo(HoldOutcome.MAX_HOLD);
	}

	@Test
	void steadyTrafficStillEndsTheHoldAboutASecondAfterTheLoadBalancerLetsGo() {
		HoldOutcome outcome = drainAt(poisson(600, 400), 300, 8);
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.held()).isBetween(Duration.ofSeconds(9), Duration.ofMillis(9_200));
	}

	@Test
	void steadyTrafficThatStopsExactlyAtTheDrainEndsTheHoldAtTheMinimum() {
		HoldOutcome outcome = drainAt(poisson(600, 400), 300, 0);
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.held()).isEqualTo(DEFAULTS.minHold());
	}

	private List<Double> poisson(double rate, double seconds) {
		List<Double> arrivals = new ArrayList<>();
		for (double at = 0; at < seconds; at += -Math.log(1 - this.random.nextDouble()) / rate) {
			arrivals.add(at);
		}
		return arrivals;
	}

	/**
	 * Replays the arrivals before {@code drainAt} one by one, starts the hold, and lets
	 * the arrivals of the next {@code lagSeconds} through as the hold's clock moves on.
	 */
	private HoldOutcome drainAt(List<Double> arrivals, double drainAt, double lagSeconds) {
		List<Double> sorted = arrivals.stream().sorted().toList();
		long origin = this.ticker.nanos();
		int next = 0;
		while (next < sorted.size() && sorted.get(next) < drainAt) {
			arriveAt(origin, sorted.get(next++));
		}
		moveTo(origin, drainAt);
		double letGoAt = drainAt + lagSeconds;
		int[] cursor = { next };
		this.ticker.onSleep((now) -> {
			double at = (now - origin) / SECOND;
			while (cursor[0] < sorted.size() && sorted.get(cursor[0]) <= at && sorted.get(cursor[0]) < letGoAt) {
				cursor[0]++;
				this.traffic.requestStarted();
				this.traffic.requestFinished();
			}
		});
		return new Hold(this.adaptive, DEFAULTS, this.traffic, this.ticker).run();
	}

	private void arriveAt(long origin, double at) {
		moveTo(origin, at);
		this.traffic.requestStarted();
		this.traffic.requestFinished();
	}

	private void moveTo(long origin, double at) {
		long target = origin + (long) (at * SECOND);
		long now = this.ticker.nanos();
		if (target > now) {
			this.ticker.advance(Duration.ofNanos(target - now));
		}
	}

}
