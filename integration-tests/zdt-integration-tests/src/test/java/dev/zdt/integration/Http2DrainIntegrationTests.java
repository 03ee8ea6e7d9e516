package dev.zdt.integration;

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
 * The sample app with {@code server.http2.enabled=true}, reached over h2c (HTTP/2 without
 * TLS, as an ALB target group with protocol version HTTP2 does) during a real hold: a
 * {@code Connection} header would make every response malformed (RFC 9113 §8.2.2), so the
 * server asks the connection to go away with GOAWAY instead, and every request still
 * succeeds.
 */
class Http2DrainIntegrationTests {

	private static final Duration MIN_HOLD = Duration.ofSeconds(4);

	private static final Duration MAX_HOLD = Duration.ofSeconds(5);

	private static final String DRAIN = "/actuator/zdt/drain";

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void h2cRequestsDuringTheHoldSucceedAndTheConnectionIsAskedToGoAway(SampleServer server) throws Exception {
		try (SampleApp app = SampleApp.start(server, "h2c", "--server.http2.enabled=true",
				"--zdt.drain.min-hold=" + MIN_HOLD.toSeconds() + "s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s");
				H2cClient client = H2cClient.start(app.appPort())) {
			app.awaitReady();
			H2cClient.Result before = client.get("/api/work?ms=1");
			assertThat(before.version()).as("h2c with prior knowledge: %s", before).isEqualTo("HTTP/2.0");
			assertThat(before.status()).isEqualTo(200);
			assertThat(before.connectionHeaders()).isEmpty();

			Duration callTimeout = MAX_HOLD.plusSeconds(30);
			long preStop = System.nanoTime();
			CompletableFuture<HttpResult> drain = Background.call("preStop",
					() -> app.management(DRAIN, callTimeout, "User-Agent: kube-lifecycle/1.32"));
			DrainLog.awaitNotReady(app, preStop);
			List<Object> duringHold = new ArrayList<>();
			while (!drain.isDone()) {
				duringHold.add(send(client));
				Poll.until(Duration.ofMillis(50), drain::isDone);
			}
			HttpResult drained = drain.get(callTimeout.toSeconds(), TimeUnit.SECONDS);
			long failed = duringHold.stream().filter((outcome) -> !(outcome instanceof H2cClient.Result)).count();
			System.out.printf(
					"%s over h2c: %d requests during the hold, %d failed, %d sent again after a GOAWAY "
							+ "said they were not processed, client ports %s%n",
					server, duringHold.size(), failed, client.retries(),
					duringHold.stream()
						.filter(H2cClient.Result.class::isInstance)
						.map((outcome) -> ((H2cClient.Result) outcome).localPort())
						.distinct()
						.toList());

			assertThat(drained.status()).as("preStop call: %s", drained).isEqualTo(200);
			assertThat(duringHold).as("h2c requests during the hold").hasSizeGreaterThan(20).allSatisfy((outcome) -> {
				assertThat(outcome).as("%s", outcome).isInstanceOf(H2cClient.Result.class);
				H2cClient.Result result = (H2cClient.Result) outcome;
				assertThat(result.status()).as("%s", result).isEqualTo(200);
				assertThat(result.version()).as("%s", result).isEqualTo("HTTP/2.0");
				assertThat(result.connectionHeaders()).as("connection-specific headers in %s", result).isEmpty();
			});
			assertThat(duringHold)
				.as("the connection open at the drain start was asked to go away (GOAWAY), "
						+ "so the client moved to a new connection")
				.anySatisfy((outcome) -> assertThat(((H2cClient.Result) outcome).localPort())
					.isNotEqualTo(before.localPort()));

			app.process().sigterm();
			assertThat(app.process().awaitExit(Duration.ofSeconds(30))).as("exit code after SIGTERM").isEqualTo(143);
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "endpoint");
		}
	}

	/**
	 * Sends one request and returns its result, or what went wrong.
	 */
	private static Object send(H2cClient client) {
		try {
			return client.get("/api/work?ms=5");
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return ex.toString();
		}
	}

}
