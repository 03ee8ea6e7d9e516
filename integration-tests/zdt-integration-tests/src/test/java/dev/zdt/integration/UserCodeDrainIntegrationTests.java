package dev.zdt.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.http.HttpResult;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own code in the drain, misbehaving: a hold strategy or a drain
 * listener that never returns. Whatever it does, readiness goes down, the status answers,
 * the hold ends by the maximum hold plus {@link #WAIT_MARGIN}, and the JVM exits on
 * SIGTERM.
 */
class UserCodeDrainIntegrationTests {

	private static final Duration MAX_HOLD = Duration.ofSeconds(2);

	/**
	 * How long past the maximum hold zdt may keep a caller: docs/shutdown-budget.md.
	 */
	private static final Duration WAIT_MARGIN = Duration.ofSeconds(2);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	@Test
	void sigtermWithAHoldStrategyWhoseStartNeverReturnsHoldsToMaxHoldAndExits() throws Exception {
		try (SampleApp app = SampleApp.startUserCodeApp(UserCodeApplication.STRATEGY_START_NEVER_RETURNS,
				"sigterm-strategy-start", "--zdt.drain.min-hold=0s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s")) {
			app.awaitReady();
			long sigterm = System.nanoTime();
			app.process().sigterm();
			DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
			Duration notReadyAfter = DrainLog.awaitNotReady(app, sigterm);
			HttpResult status = app.management("/actuator/zdt", Duration.ofSeconds(5));
			String holdEnded = DrainLog.awaitHoldEnded(app.log(), MAX_HOLD.plus(WAIT_MARGIN).plusSeconds(5));
			int exitCode = app.process().awaitExit(EXIT_TIMEOUT);
			Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
			System.out.printf("stuck strategy start: readiness 503 after %d ms, %s, exit %d after %d ms%n",
					notReadyAfter.toMillis(), holdEnded.substring(holdEnded.indexOf("zdt:")), exitCode,
					exitAfter.toMillis());

			assertThat(status.status()).as("status during the hold: %s", status).isEqualTo(200);
			assertThat(status.body()).contains("\"state\":\"DRAINING\"");
			assertThat(holdEnded).contains("reason=max-hold");
			assertThat(DrainLog.heldOf(holdEnded)).as("the hold ends by max-hold + the margin")
				.isBetween(MAX_HOLD, MAX_HOLD.plus(WAIT_MARGIN));
			assertThat(exitCode).isEqualTo(143);
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
		}
	}

	@Test
	void preStopWithAHoldStrategyWhoseStartNeverReturnsAnswersAtMaxHoldAndReportsTheStrategy() throws Exception {
		try (SampleApp app = SampleApp.startUserCodeApp(UserCodeApplication.STRATEGY_START_NEVER_RETURNS,
				"prestop-strategy-start", "--zdt.drain.min-hold=0s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s")) {
			app.awaitReady();
			HttpResult serving = app.management("/actuator/zdt", Duration.ofSeconds(5));
			long preStop = System.nanoTime();
			CompletableFuture<HttpResult> drain = Background.call("preStop",
					() -> app.management("/actuator/zdt/drain", EXIT_TIMEOUT));
			HttpResult drained = drain.get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			Duration answeredAfter = Duration.ofNanos(System.nanoTime() - preStop);
			app.process().sigterm();
			int exitCode = app.process().awaitExit(EXIT_TIMEOUT);
			System.out.printf("stuck strategy start: preStop answered after %d ms: %s%n", answeredAfter.toMillis(),
					drained.body());

			assertThat(serving.status()).as("status while serving: %s", serving).isEqualTo(200);
			assertThat(drained.status()).as("preStop call: %s", drained).isEqualTo(200);
			assertThat(answeredAfter).isBetween(MAX_HOLD, MAX_HOLD.plus(WAIT_MARGIN).plusSeconds(1));
			assertThat(drained.body()).contains("\"holdEndReason\":\"max-hold\"", "\"holdFailure\":\"failed");
			List<String> warnings = app.log()
				.linesContaining("stuck-at-start")
				.stream()
				.filter((line) -> line.contains(" WARN "))
				.toList();
			assertThat(warnings).as("one WARN line names the strategy; %s", app.log())
				.singleElement(InstanceOfAssertFactories.STRING)
				.contains("did not return from start");
			assertThat(exitCode).isEqualTo(143);
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "endpoint");
		}
	}

	@Test
	void sigtermWithADrainListenerThatNeverReturnsStillDrainsHoldsAndExits() {
		try (SampleApp app = SampleApp.startUserCodeApp(UserCodeApplication.DRAIN_STARTED_NEVER_RETURNS,
				"sigterm-listener", "--zdt.drain.min-hold=0s", "--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s")) {
			app.awaitReady();
			long sigterm = System.nanoTime();
			app.process().sigterm();
			DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
			Duration notReadyAfter = DrainLog.awaitNotReady(app, sigterm);
			String holdEnded = DrainLog.awaitHoldEnded(app.log(), MAX_HOLD.plus(WAIT_MARGIN).plusSeconds(5));
			int exitCode = app.process().awaitExit(EXIT_TIMEOUT);
			Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
			System.out.printf("stuck listener: readiness 503 after %d ms, %s, exit %d after %d ms%n",
					notReadyAfter.toMillis(), holdEnded.substring(holdEnded.indexOf("zdt:")), exitCode,
					exitAfter.toMillis());

			assertThat(notReadyAfter).as("readiness 503 after SIGTERM").isLessThanOrEqualTo(Duration.ofSeconds(2));
			assertThat(holdEnded).contains("reason=max-hold");
			assertThat(DrainLog.heldOf(holdEnded)).isBetween(MAX_HOLD, MAX_HOLD.plus(WAIT_MARGIN));
			assertThat(exitCode).isEqualTo(143);
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
		}
	}

}
