package dev.zdt.core.hold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.zdt.core.internal.Hold;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adaptive hold when the requests' sources (ALB nodes) are known: each node lets go
 * on its own schedule, and the hold waits for every one of them.
 */
class PerSourceEvidenceTests {

	private static final HoldBounds DEFAULTS = new HoldBounds(Duration.ofSeconds(5), Duration.ofSeconds(30),
			Duration.ofMillis(100));

	private static final double SECOND = 1e9;

	private final ManualTicker ticker = new ManualTicker();

	private final long origin = this.ticker.nanos();

	private final TrafficMonitor traffic = new TrafficMonitor(this.ticker);

	private final TrafficQuietStrategy adaptive = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	private final Random random = new Random(7);

	private final List<Arrival> arrivals = new ArrayList<>();

	@Test
	void aQuietNodeWaitsForItsOwnWindowWhileBusyNodesHaveLetGo() {
		// Two busy nodes let go 8 s into the drain; a third, at 2 req/s, routes until 14
		// s.
		poisson("10.0.1.10", 300, 0, 308);
		poisson("10.0.2.10", 300, 0, 308);
		poisson("10.0.3.10", 2, 0, 314);
		HoldOutcome outcome = drainAt(300, true);
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(14));
		assertThat(outcome.detail()).contains("each of 3 source(s) quiet for its own window");
	}

	@Test
	void behindAProxyThatHidesTheSourcesTheRuleOfAllTrafficApplies() {
		poisson("10.0.1.10", 300, 0, 308);
		poisson("10.0.2.10", 300, 0, 308);
		poisson("10.0.3.10", 2, 0, 314);
		HoldOutcome outcome = drainAt(300, false);
		// Without the sources, a 1 s pause of the quiet node looks like the end of all
		// traffic.
		assertThat(outcome.held()).isLessThan(Duration.ofSeconds(14));
	}

	@Test
	void aSourceFirstSeenDuringTheHoldIsWaitedFor() {
		// One node before the drain lets go at 3 s; a new node (the ALB scaled out)
		// routes from 4 s to 12 s at 5 req/s.
		poisson("10.0.1.10", 600, 0, 303);
		poisson("10.0.4.10", 5, 304, 312);
		HoldOutcome outcome = drainAt(300, true);
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void evidenceNamesTheSourcesStillSending() {
		poisson("10.0.1.10", 300, 0, 300);
		poisson("10.0.3.10", 300, 0, 300);
		replayUntil(300, true);
		Hold hold = new Hold(this.adaptive, DEFAULTS, this.traffic, this.ticker);
		this.ticker.advance(Duration.ofMillis(500));
		this.traffic.requestStarted("10.0.3.10");
		this.ticker.advance(Duration.ofMillis(700));
		assertThat(this.adaptive.evidence(hold.context())).containsEntry("sources", 2)
			.containsEntry("sourcesStillSending", List.of("10.0.3.10"));
	}

	private void poisson(String source, double rate, double from, double to) {
		for (double at = from; at < to; at += -Math.log(1 - this.random.nextDouble()) / rate) {
			this.arrivals.add(new Arrival(at, source));
		}
	}

	private int replayUntil(double until, boolean sourcesKnown) {
		this.arrivals.sort(Comparator.comparingDouble(Arrival::at));
		int next = 0;
		while (next < this.arrivals.size() && this.arrivals.get(next).at() < until) {
			moveTo(this.arrivals.get(next).at());
			this.traffic.requestStarted(sourcesKnown ? this.arrivals.get(next).source() : null);
			next++;
			this.traffic.requestFinished();
		}
		moveTo(until);
		return next;
	}

	private HoldOutcome drainAt(double drainAt, boolean sourcesKnown) {
		int[] cursor = { replayUntil(drainAt, sourcesKnown) };
		this.ticker.onSleep((now) -> {
			double at = (now - this.origin) / SECOND;
			while (cursor[0] < this.arrivals.size() && this.arrivals.get(cursor[0]).at() <= at) {
				this.traffic.requestStarted(sourcesKnown ? this.arrivals.get(cursor[0]).source() : null);
				this.traffic.requestFinished();
				cursor[0]++;
			}
		});
		return new Hold(this.adaptive, DEFAULTS, this.traffic, this.ticker).run();
	}

	private void moveTo(double at) {
		long target = this.origin + (long) (at * SECOND);
		long now = this.ticker.nanos();
		if (target > now) {
			this.ticker.advance(Duration.ofNanos(target - now));
		}
	}

	private record Arrival(double at, @Nullable String source) {

	}

}
