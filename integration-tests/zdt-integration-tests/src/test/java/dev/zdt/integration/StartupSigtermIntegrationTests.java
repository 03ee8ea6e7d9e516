package dev.zdt.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while the application is still starting: its web server listens, but it has not
 * reported ready, so no load balancer can have routed to it. The drain ends without a
 * hold, and the application getting ready during shutdown does not bring readiness back.
 */
class StartupSigtermIntegrationTests {

	private static final Duration MAX_HOLD = Duration.ofSeconds(4);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	@Test
	void sigtermBeforeTheApplicationWasReadyDoesNotHoldAndReadinessStaysDown() {
		try (SampleApp app = SampleApp.startUserCodeApp(UserCodeApplication.READY_AFTER_DRAIN_STARTED,
				"startup-sigterm", "--zdt.drain.min-hold=1s", "--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s")) {
			assertThat(app.log().awaitLineContaining(UserCodeApplication.NOT_READY_YET, SampleApp.STARTUP_TIMEOUT))
				.as("the application waits in its startup; %s", app.log())
				.isPresent();
			assertThat(Poll.until(SampleApp.STARTUP_TIMEOUT, () -> app.readinessStatus().orElse(-1) == 503))
				.as("readiness answers, not ready yet")
				.isTrue();
			long sigterm = System.nanoTime();
			app.process().sigterm();
			List<Integer> readiness = new ArrayList<>();
			long deadline = sigterm + EXIT_TIMEOUT.toNanos();
			while (app.process().isAlive() && System.nanoTime() < deadline) {
				readiness.add(app.readinessStatus().orElse(-1));
				Poll.until(Duration.ofMillis(20), () -> !app.process().isAlive());
			}
			int exitCode = app.process().awaitExit(EXIT_TIMEOUT);
			Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
			String holdEnded = DrainLog.awaitHoldEnded(app.log(), Duration.ZERO);
			System.out.printf("SIGTERM during startup: readiness %s, %s, exit %d after %d ms%n", readiness,
					holdEnded.substring(holdEnded.indexOf("zdt:")), exitCode, exitAfter.toMillis());

			assertThat(readiness).as("readiness from SIGTERM to exit").doesNotContain(200);
			assertThat(holdEnded).as("no load balancer can route to an application never ready")
				.contains("reason=never-ready");
			assertThat(DrainLog.heldOf(holdEnded)).isLessThan(Duration.ofSeconds(1));
			assertThat(exitCode).isEqualTo(143);
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
		}
	}

}
