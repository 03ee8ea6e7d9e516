package dev.zdt.integration;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.http.HttpResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes path: kubelet's preStop {@code httpGet} to {@code /actuator/zdt/drain}
 * on the management port holds until the drain is over, then SIGTERM shuts the app down
 * without holding again.
 */
class PreStopDrainIntegrationTests {

	private static final Duration MIN_HOLD = Duration.ofSeconds(5);

	private static final Duration MAX_HOLD = Duration.ofSeconds(6);

	private static final String DRAIN = "/actuator/zdt/drain";

	private static final String KUBELET = "User-Agent: kube-lifecycle/1.32";

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void preStopCallShouldReturnAfterTheHoldAndSigtermShouldThenExitWithoutHoldingAgain(SampleServer server)
			throws Exception {
		try (SampleApp app = SampleApp.start(server, "prestop", "--zdt.drain.min-hold=" + MIN_HOLD.toSeconds() + "s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s")) {
			app.awaitReady();
			Duration callTimeout = MAX_HOLD.plusSeconds(30);
			long preStop = System.nanoTime();
			CompletableFuture<Answer> drain = Background.call("preStop", () -> drainCall(app, callTimeout));
			Duration notReadyAfter = DrainLog.awaitNotReady(app, preStop);
			CompletableFuture<Answer> secondCall = Background.call("second-preStop", () -> drainCall(app, callTimeout));
			List<HttpResult> duringHold = new ArrayList<>();
			while (!drain.isDone()) {
				duringHold.add(app.app("/api/work?ms=5"));
				Poll.until(Duration.ofMillis(100), drain::isDone);
			}
			Answer first = drain.get(callTimeout.toSeconds(), TimeUnit.SECONDS);
			HttpResult drained = first.result();
			Duration preStopTook = Duration.ofNanos(first.atNanos() - preStop);
			Answer second = secondCall.get(callTimeout.toSeconds(), TimeUnit.SECONDS);
			HttpResult joined = second.result();
			Duration secondReturnedAfter = Duration.ofNanos(second.atNanos() - preStop);
			HttpResult status = app.management("/actuator/zdt", SampleApp.REQUEST_TIMEOUT);
			int readinessAfterHold = app.readinessStatus().orElse(-1);

			long sigterm = System.nanoTime();
			app.process().sigterm();
			int exitCode = app.process().awaitExit(MAX_HOLD.plusSeconds(30));
			Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);

			System.out.printf(
					"%s: readiness 503 after %d ms, preStop call returned after %d ms, "
							+ "second call after %d ms, %d requests during the hold, exit %d %d ms after SIGTERM%n",
					server, notReadyAfter.toMillis(), preStopTook.toMillis(), secondReturnedAfter.toMillis(),
					duringHold.size(), exitCode, exitAfter.toMillis());
			System.out.println("Status after the hold: " + status.body());

			assertThat(notReadyAfter).as("readiness 503 after the preStop call")
				.isLessThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(drained.status()).as("preStop call: %s", drained).isEqualTo(200);
			assertThat(drained.body()).contains("\"state\"");
			assertThat(preStopTook).as("preStop call returns only after the hold").isGreaterThanOrEqualTo(MIN_HOLD);
			assertThat(preStopTook).as("preStop call returns by the maximum hold").isLessThan(MAX_HOLD.plusSeconds(3));
			assertThat(joined.status()).as("second preStop call: %s", joined).isEqualTo(200);
			assertThat(secondReturnedAfter.minus(preStopTook).abs()).as("the second call waits for the same hold")
				.isLessThan(Duration.ofSeconds(1));
			assertThat(duringHold).as("application requests during the hold")
				.hasSizeGreaterThan(5)
				.allSatisfy((result) -> {
					assertThat(result.status()).as("%s", result).isEqualTo(200);
					assertThat(result.connectionClose()).as("Connection: close on %s", result).isTrue();
				});
			assertThat(status.status()).isEqualTo(200);
			assertThat(status.body()).as("status after the hold")
				.contains("\"state\":\"DRAINED\"")
				.contains("\"trigger\":\"endpoint\"")
				.contains("\"holdEndReason\":\"max-hold\"")
				.contains("\"drainStartedAt\":");
			assertThat(readinessAfterHold).as("readiness after the hold").isEqualTo(503);

			assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
			assertThat(exitAfter).as("no second hold after SIGTERM").isLessThan(MIN_HOLD.minus(Duration.ofSeconds(2)));
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "endpoint");
		}
	}

	private static Answer drainCall(SampleApp app, Duration timeout) throws IOException {
		HttpResult result = app.management(DRAIN, timeout, KUBELET);
		return new Answer(result, System.nanoTime());
	}

	/**
	 * A response and when it came.
	 *
	 * @param result the response
	 * @param atNanos the {@link System#nanoTime()} when it was complete
	 */
	private record Answer(HttpResult result, long atNanos) {

	}

}
