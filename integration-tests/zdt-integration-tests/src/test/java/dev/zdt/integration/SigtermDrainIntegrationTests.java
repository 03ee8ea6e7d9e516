package dev.zdt.integration;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import dev.zdt.testsupport.http.LoadGenerator;
import dev.zdt.testsupport.http.LoadGenerator.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGTERM to the sample app under steady load, without a preceding preStop call:
 * the hold runs inside shutdown while the app keeps serving, then Boot's graceful
 * shutdown finishes what is in flight and the JVM exits.
 */
class SigtermDrainIntegrationTests {

	private static final Duration MIN_HOLD = Duration.ofSeconds(2);

	private static final Duration MAX_HOLD = Duration.ofSeconds(6);

	/**
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}, shorter than the maximum hold
	 * on purpose: it bounds the web server's graceful shutdown, never the hold.
	 */
	private static final Duration SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration BUDGET = MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plusSeconds(2);

	private static final Duration SLOW_REQUEST = Duration.ofMillis(3000);

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void sigtermUnderLoadShouldHoldWhileServingThenFinishInFlightRequestsAndExit(SampleServer server) throws Exception {
		try (SampleApp app = SampleApp.start(server, "sigterm", "--zdt.drain.min-hold=" + MIN_HOLD.toSeconds() + "s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s",
				"--spring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_PHASE_TIMEOUT.toSeconds() + "s")) {
			app.awaitReady();
			LoadGenerator load = new LoadGenerator(app.appPort(), "/api/work?ms=5", 2, Duration.ofMillis(10));
			try (HttpConnection keptAlive = HttpConnection.open(app.appPort(), SampleApp.REQUEST_TIMEOUT)) {
				HttpResult beforeDrain = keptAlive.get("/api/work?ms=1");
				assertThat(beforeDrain.status()).isEqualTo(200);
				assertThat(beforeDrain.connectionClose()).as("Connection: close before any drain").isFalse();
				load.start();
				assertThat(Poll.until(Duration.ofSeconds(30), () -> load.succeeded() >= 100))
					.as("load warmed up: %s", load.samples().size())
					.isTrue();
				InFlightRequest slowAtSigterm = InFlightRequest.send(app.appPort(), SLOW_REQUEST);

				long sigterm = System.nanoTime();
				app.process().sigterm();

				Duration notReadyAfter = DrainLog.awaitNotReady(app, sigterm);
				// Boot itself reports REFUSING_TRAFFIC as the context starts closing, a
				// moment before the drain lifecycle starts the drain: wait for the drain,
				// not only for readiness.
				DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
				HttpResult onKeptAliveConnection = keptAlive.get("/api/work?ms=1");
				Poll.untilNanos(sigterm + MAX_HOLD.minus(Duration.ofMillis(1500)).toNanos());
				InFlightRequest slowAtHoldEnd = InFlightRequest.send(app.appPort(), SLOW_REQUEST);
				String holdEnded = DrainLog.awaitHoldEnded(app.log(), MAX_HOLD.plusSeconds(10));
				long holdEndSeen = System.nanoTime();
				load.stop();
				int exitCode = app.process().awaitExit(BUDGET);
				Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
				Instant holdEndedAt = LogFile.timestampOf(holdEnded);

				System.out.printf("%s: readiness 503 after %d ms, held %d ms (%s), exit %d after %d ms%n", server,
						notReadyAfter.toMillis(), DrainLog.heldOf(holdEnded).toMillis(),
						holdEnded.substring(holdEnded.indexOf("zdt:")), exitCode, exitAfter.toMillis());

				assertThat(notReadyAfter).as("readiness 503 after SIGTERM").isLessThanOrEqualTo(Duration.ofSeconds(1));
				assertThat(onKeptAliveConnection.status())
					.as("keep-alive connection opened before the drain: %s", onKeptAliveConnection)
					.isEqualTo(200);
				assertThat(onKeptAliveConnection.connectionClose())
					.as("Connection: close during the hold: %s", onKeptAliveConnection)
					.isTrue();
				assertThat(keptAlive.closedByServer(Duration.ofSeconds(5)))
					.as("server closes the kept-alive connection")
					.isTrue();
				assertServedDuringHold(load.samples(), sigterm, app.log(), holdEndedAt);

				HttpResult slow = slowAtSigterm.await();
				assertThat(slow.status()).as("request in flight at SIGTERM: %s", slow).isEqualTo(200);
				assertThat(slow.body()).isEqualTo("ok");
				assertThat(slowAtSigterm.completedNanos()).as("answered after SIGTERM").isGreaterThan(sigterm);

				HttpResult straddling = slowAtHoldEnd.await();
				assertThat(straddling.status()).as("request in flight when the hold ended: %s", straddling)
					.isEqualTo(200);
				assertThat(slowAtHoldEnd.completedNanos()).as("answered after the hold ended (graceful shutdown)")
					.isGreaterThan(holdEndSeen);

				assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
				assertThat(exitAfter).as("exit after the hold").isGreaterThanOrEqualTo(MAX_HOLD);
				assertThat(exitAfter).as("exit within the budget").isLessThanOrEqualTo(BUDGET);
				// The app's own monotonic measure: the wall clock can jump between two
				// readings.
				assertThat(DrainLog.heldOf(holdEnded)).as("hold length, not cut by the phase timeout")
					.isBetween(MAX_HOLD.minusMillis(200), MAX_HOLD.plusSeconds(2));
				assertThat(holdEnded).as("continuous traffic keeps the adaptive hold to its maximum")
					.contains("reason=max-hold");
				DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
			}
			finally {
				load.stop();
			}
		}
	}

	/**
	 * Asserts that every request before SIGTERM got a plain 200, and every request during
	 * the hold a 200 with {@code Connection: close}. A request between SIGTERM and the
	 * start of the drain (the JVM is still getting to the shutdown hook) may go either
	 * way.
	 */
	private static void assertServedDuringHold(List<Sample> samples, long sigterm, LogFile log, Instant holdEndedAt) {
		Instant drainStartedAt = DrainLog.drainStartedAt(log);
		List<Sample> beforeSigterm = samples.stream().filter((sample) -> sample.endNanos() < sigterm).toList();
		// A request that starts just before the hold ends can meet the server as it stops
		// accepting.
		Instant lastSafeStart = holdEndedAt.minusMillis(250);
		List<Sample> duringHold = samples.stream()
			.filter((sample) -> sample.startedAt().isAfter(drainStartedAt)
					&& sample.startedAt().isBefore(lastSafeStart))
			.toList();
		System.out.printf("%d requests before SIGTERM, %d during the hold (%s to %s)%n", beforeSigterm.size(),
				duringHold.size(), drainStartedAt, holdEndedAt);
		assertThat(beforeSigterm).as("requests before SIGTERM").isNotEmpty().allSatisfy((sample) -> {
			assertThat(sample.status()).as("%s", sample).isEqualTo(200);
			assertThat(sample.connectionClose()).as("%s", sample).isFalse();
		});
		assertThat(duringHold).as("requests during the hold (%s to %s)", drainStartedAt, holdEndedAt)
			.hasSizeGreaterThan(50)
			.allSatisfy((sample) -> {
				assertThat(sample.status()).as("%s", sample).isEqualTo(200);
				assertThat(sample.connectionClose()).as("Connection: close on %s", sample).isTrue();
			});
	}

	/**
	 * A request sent and left waiting for its answer on another thread.
	 */
	static final class InFlightRequest {

		private final CompletableFuture<HttpResult> response;

		private volatile long completedNanos;

		private InFlightRequest(CompletableFuture<HttpResult> response) {
			this.response = response;
		}

		/**
		 * Sends {@code /api/work?ms=N} and returns once the request is written.
		 * @param port the application port
		 * @param work how long the app works on it
		 * @return the request in flight
		 * @throws IOException when the request cannot be sent
		 */
		static InFlightRequest send(int port, Duration work) throws IOException {
			HttpConnection connection = HttpConnection.open(port, work.plus(SampleApp.REQUEST_TIMEOUT));
			connection.sendGet("/api/work?ms=" + work.toMillis());
			CompletableFuture<HttpResult> response = new CompletableFuture<>();
			InFlightRequest request = new InFlightRequest(response);
			Thread reader = new Thread(() -> {
				try (connection) {
					HttpResult result = connection.readResponse();
					request.completedNanos = System.nanoTime();
					response.complete(result);
				}
				catch (IOException | RuntimeException ex) {
					response.completeExceptionally(ex);
				}
			}, "in-flight-" + work.toMillis());
			reader.setDaemon(true);
			reader.start();
			return request;
		}

		HttpResult await() throws Exception {
			return this.response.get(60, TimeUnit.SECONDS);
		}

		long completedNanos() {
			return this.completedNanos;
		}

	}

}
