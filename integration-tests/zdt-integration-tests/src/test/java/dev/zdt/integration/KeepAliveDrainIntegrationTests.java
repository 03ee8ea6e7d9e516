package dev.zdt.integration;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 keep-alive connections at the edges of a hold, on raw sockets: a connection
 * must never be left for the load balancer to reuse once the hold is over, because
 * graceful shutdown follows and a request on such a connection meets a 503 or a closed
 * socket.
 */
class KeepAliveDrainIntegrationTests {

	private static final Duration MIN_HOLD = Duration.ofSeconds(3);

	private static final Duration MAX_HOLD = Duration.ofSeconds(4);

	private static final String DRAIN = "/actuator/zdt/drain";

	private static final Duration SPANNING_WORK = Duration.ofMillis(2500);

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void aConnectionIdleThroughTheHoldIsClosedCleanlyWhenTheHoldEnds(SampleServer server) throws Exception {
		try (SampleApp app = start(server, "idle-keepalive");
				HttpConnection idle = HttpConnection.open(app.appPort(), SampleApp.REQUEST_TIMEOUT)) {
			HttpResult beforeDrain = idle.get("/api/work?ms=1");
			assertThat(beforeDrain.status()).isEqualTo(200);
			assertThat(beforeDrain.connectionClose()).isFalse();

			CompletableFuture<HttpResult> drain = preStop(app);
			DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
			assertThat(idle.closedByServer(Duration.ofMillis(500))).as("the connection stays open during the hold")
				.isFalse();
			HttpResult drained = drain.get(MAX_HOLD.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
			long holdEnded = System.nanoTime();
			assertThat(drained.status()).as("preStop call: %s", drained).isEqualTo(200);
			// read() answers -1 on a FIN; a reset would throw instead.
			assertThat(idle.closedByServer(Duration.ofSeconds(2)))
				.as("the server closed the idle connection when the hold ended, before any SIGTERM; %s",
						app.log().tail(20))
				.isTrue();
			System.out.printf("%s: idle keep-alive connection closed %d ms after the preStop call returned%n", server,
					Duration.ofNanos(System.nanoTime() - holdEnded).toMillis());
			assertThat(app.log().linesContaining("idle keep-alive")).as("the closing is logged").hasSize(1);
			assertSigtermExits(app);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void aRequestThatStartedBeforeTheDrainAndEndsAfterItGetsConnectionClose(SampleServer server) throws Exception {
		try (SampleApp app = start(server, "spanning-keepalive");
				HttpConnection connection = HttpConnection.open(app.appPort(), SampleApp.REQUEST_TIMEOUT)) {
			connection.sendGet("/api/work?ms=" + SPANNING_WORK.toMillis());
			assertThat(Poll.until(Duration.ofSeconds(5), () -> inFlight(app) == 1))
				.as("the request is being worked on before the drain starts")
				.isTrue();
			CompletableFuture<HttpResult> drain = preStop(app);
			DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
			HttpResult spanning = connection.readResponse();
			assertThat(spanning.status()).as("%s", spanning).isEqualTo(200);
			assertThat(spanning.connectionClose())
				.as("Connection: close on a response completed during the drain: %s", spanning)
				.isTrue();
			assertThat(connection.closedByServer(Duration.ofSeconds(5))).as("the server closes the connection")
				.isTrue();
			assertThat(drain.get(MAX_HOLD.plusSeconds(30).toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
			assertSigtermExits(app);
		}
	}

	private static SampleApp start(SampleServer server, String name) {
		SampleApp app = SampleApp.start(server, name, "--zdt.drain.min-hold=" + MIN_HOLD.toSeconds() + "s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s");
		app.awaitReady();
		return app;
	}

	private static CompletableFuture<HttpResult> preStop(SampleApp app) {
		return Background.call("preStop",
				() -> app.management(DRAIN, MAX_HOLD.plusSeconds(30), "User-Agent: kube-lifecycle/1.32"));
	}

	private static int inFlight(SampleApp app) {
		try {
			String body = app.management("/actuator/zdt", Duration.ofSeconds(5)).body();
			int at = body.indexOf("\"inFlight\":");
			if (at < 0) {
				return -1;
			}
			int start = at + "\"inFlight\":".length();
			int end = start;
			while (end < body.length() && Character.isDigit(body.charAt(end))) {
				end++;
			}
			return Integer.parseInt(body.substring(start, end));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static void assertSigtermExits(SampleApp app) {
		app.process().sigterm();
		assertThat(app.process().awaitExit(Duration.ofSeconds(30))).as("exit code after SIGTERM").isEqualTo(143);
		DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "endpoint");
	}

}
