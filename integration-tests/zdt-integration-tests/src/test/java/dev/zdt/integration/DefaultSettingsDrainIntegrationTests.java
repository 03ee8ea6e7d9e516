package dev.zdt.integration;

import java.time.Duration;
import java.time.Instant;

import dev.zdt.testsupport.http.LoadGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM with zdt on its defaults (adaptive strategy, 5 s minimum, 30 s maximum hold)
 * while the "load balancer" keeps routing for 15 s (the bar for a safe default)
 * and then lets go: no request fails, and the hold ends soon after the traffic stops
 * rather than at the maximum.
 */
class DefaultSettingsDrainIntegrationTests {

	private static final Duration DEFAULT_MIN_HOLD = Duration.ofSeconds(5);

	private static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(30);

	private static final Duration BUDGET = DEFAULT_MAX_HOLD.plusSeconds(30).plusSeconds(2);

	/**
	 * How long traffic goes on after SIGTERM, as if load balancer nodes were slow to let
	 * go.
	 */
	private static final Duration ROUTING_LAG = Duration.ofSeconds(15);

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void sigtermOnDefaultsShouldServeUntilTrafficStopsThenEndTheHoldSoonAfter(SampleServer server) {
		try (SampleApp app = SampleApp.start(server, "defaults")) {
			app.awaitReady();
			LoadGenerator load = new LoadGenerator(app.appPort(), "/api/work?ms=5", 2, Duration.ofMillis(5));
			try {
				load.start();
				assertThat(Poll.until(Duration.ofSeconds(30), () -> load.succeeded() >= 300)).as("load warmed up")
					.isTrue();
				long sigterm = System.nanoTime();
				app.process().sigterm();
				Duration notReadyAfter = DrainLog.awaitNotReady(app, sigterm);
				Poll.untilNanos(sigterm + ROUTING_LAG.toNanos());
				load.stop();
				long trafficStopped = System.nanoTime();
				String holdEnded = DrainLog.awaitHoldEnded(app.log(), DEFAULT_MAX_HOLD.plusSeconds(10));
				long holdEndSeen = System.nanoTime();
				int exitCode = app.process().awaitExit(BUDGET);
				Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
				// Durations from monotonic clocks only: the app's own measure of its
				// hold, and when this test saw the line (a little after it was written).
				// Wall-clock timestamps can jump between two readings.
				Duration held = DrainLog.heldOf(holdEnded);
				Duration afterTrafficStopped = Duration.ofNanos(holdEndSeen - trafficStopped);

				System.out.printf(
						"%s on defaults: %d requests, readiness 503 after %d ms, held %d ms, hold end seen "
								+ "%d ms after the traffic stopped (%s), exit %d after %d ms%n",
						server, load.samples().size(), notReadyAfter.toMillis(), held.toMillis(),
						afterTrafficStopped.toMillis(), holdEnded.substring(holdEnded.indexOf("zdt:")), exitCode,
						exitAfter.toMillis());

				assertThat(notReadyAfter).as("readiness 503 after SIGTERM").isLessThanOrEqualTo(Duration.ofSeconds(1));
				assertThat(load.samples()).as("every request while the load balancer routed")
					.allSatisfy((sample) -> assertThat(sample.status()).as("%s", sample).isEqualTo(200));
				Instant drainStartedAt = DrainLog.drainStartedAt(app.log());
				assertThat(load.samples().stream().filter((sample) -> sample.startedAt().isAfter(drainStartedAt)))
					.as("requests after the drain started carry Connection: close")
					.hasSizeGreaterThan(100)
					.allSatisfy((sample) -> assertThat(sample.connectionClose()).as("%s", sample).isTrue());
				assertThat(held).as("hold not shorter than the default minimum")
					.isGreaterThanOrEqualTo(DEFAULT_MIN_HOLD.minusMillis(100));
				assertThat(holdEnded).as("the adaptive strategy sees the silence").contains("reason=traffic-quiet");
				assertThat(afterTrafficStopped).as("hold ends soon after the traffic stops")
					.isLessThan(Duration.ofSeconds(3));
				assertThat(exitCode).isEqualTo(143);
				assertThat(exitAfter).as("exit within the budget").isLessThanOrEqualTo(BUDGET);
				DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
			}
			finally {
				load.stop();
			}
		}
	}

}
