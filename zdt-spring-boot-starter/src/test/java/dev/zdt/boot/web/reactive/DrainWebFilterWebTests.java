package dev.zdt.boot.web.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.reactiveapp.ReactiveTestApplication;
import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainTrigger;
import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import static dev.zdt.boot.testapp.DrainAwait.awaitState;
import static dev.zdt.boot.testapp.DrainAwait.awaitInFlight;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application on a real Reactor Netty server through a drain.
 */
class DrainWebFilterWebTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/**
	 * A hold that ends quickly: what the tests assert holds after the hold too (the drain
	 * stays until shutdown), and closing an application drains first.
	 */
	private static final List<String> SHORT_HOLD = List.of("zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
			"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s");

	@Test
	void readinessGoesDownWhileTheAppKeepsServingAndResponsesAskToClose() throws Exception {
		try (RunningApp app = start(true)) {
			HttpResponse<String> before = app.get("/hello");
			assertThat(before.statusCode()).isEqualTo(200);
			assertThat(before.headers().firstValue("Connection")).isEmpty();
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			app.coordinator().startDrain(DrainTrigger.API);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(app.management("/actuator/health/liveness").statusCode()).isEqualTo(200);
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> during = app.get("/hello");
				assertThat(during.statusCode()).isEqualTo(200);
				assertThat(during.body()).isEqualTo("hello");
				assertThat(during.headers().firstValue("Connection")).hasValue("close");
			}
		}
	}

	@Test
	void aKeepAliveConnectionIsClosedByTheServerAfterTheResponseThatAskedToClose() throws Exception {
		try (RunningApp app = start(false); HttpConnection connection = HttpConnection.open(app.port(), TIMEOUT)) {
			HttpResult before = connection.get("/hello");
			assertThat(before.status()).isEqualTo(200);
			assertThat(before.connectionClose()).isFalse();
			app.coordinator().startDrain(DrainTrigger.API);
			HttpResult during = connection.get("/hello");
			assertThat(during.status()).as("the same connection still serves").isEqualTo(200);
			assertThat(during.connectionClose()).isTrue();
			assertThat(connection.closedByServer(TIMEOUT))
				.as("end of stream (FIN) after that response: the connection is not left open after Connection: close")
				.isTrue();
		}
	}

	@Test
	void anHttp2ResponseDuringTheDrainCarriesNoConnectionHeader() {
		try (RunningApp app = start(false, "server.http2.enabled=true")) {
			app.coordinator().startDrain(DrainTrigger.API);
			H2cResponse response = HttpClient.newConnection()
				.protocol(HttpProtocol.H2C)
				.get()
				.uri("http://127.0.0.1:" + app.port() + "/hello")
				.responseSingle((head, body) -> body.asString()
					.map((text) -> new H2cResponse(head.status().code(), head.version().text(),
							head.responseHeaders().get(ReactiveTestApplication.CONNECTION_AS_SET), text)))
				.block(Duration.ofSeconds(10));
			assertThat(response).isNotNull();
			assertThat(response.version()).isEqualTo("HTTP/2.0");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello");
			assertThat(response.connectionAsSet()).as("Connection header set for an HTTP/2 response").isNull();
			assertThat(app.coordinator().traffic().arrivals()).isEqualTo(1);
			HttpResponse<String> http1 = app.get("/hello");
			assertThat(http1.headers().firstValue("Connection")).as("HTTP/1.1 on the same server").hasValue("close");
			assertThat(http1.headers().firstValue(ReactiveTestApplication.CONNECTION_AS_SET)).hasValue("close");
		}
	}

	@Test
	void aSlowRequestInFlightWhenTheDrainStartsCompletesAndAsksToClose() throws Exception {
		try (RunningApp app = start(false)) {
			CompletableFuture<HttpResponse<String>> slow = CompletableFuture
				.supplyAsync(() -> app.get("/slow?ms=1000"));
			awaitInFlight(app.coordinator(), (inFlight) -> inFlight == 1);
			app.coordinator().startDrain(DrainTrigger.API);
			HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("slow");
			assertThat(response.headers().firstValue("Connection")).hasValue("close");
			// The server signals completion after the response has left it: the client
			// may see the response first.
			awaitInFlight(app.coordinator(), (inFlight) -> inFlight == 0);
		}
	}

	@Test
	void closingTheContextHoldsWhileServingThenStops() throws Exception {
		RunningApp app = start(false, "zdt.drain.delay=3s", "zdt.drain.max-hold=4s");
		DrainCoordinator coordinator = app.coordinator();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);
		// A reactive web server holds the shutdown.
		awaitState(coordinator, DrainState.DRAINING);
		HttpResponse<String> during = app.get("/hello");
		assertThat(during.statusCode()).isEqualTo(200);
		assertThat(during.headers().firstValue("Connection")).hasValue("close");
		closed.get(20, TimeUnit.SECONDS);
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(coordinator.status().trigger()).isEqualTo(DrainTrigger.SHUTDOWN);
		assertThat(coordinator.status().holdEndReason()).isEqualTo("delay");
		assertThat(coordinator.status().holdElapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void theTrafficMonitorCountsApplicationRequestsOnly() throws Exception {
		try (RunningApp app = start(false, "zdt.traffic.excluded-paths=/internal/**")) {
			assertThat(app.get("/hello").statusCode()).isEqualTo(200);
			assertThat(app.get("/missing").statusCode()).isEqualTo(404);
			assertThat(app.get("/internal/metrics").statusCode()).isEqualTo(404);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(app.management("/actuator/zdt").statusCode()).isEqualTo(200);
			assertThat(app.management("GET", "/hello", Map.of("User-Agent", "kube-probe/1.32")).statusCode())
				.isEqualTo(200);
			assertThat(app.coordinator().traffic().arrivals()).as("/hello and /missing").isEqualTo(2);
			awaitInFlight(app.coordinator(), (inFlight) -> inFlight == 0);
		}
	}

	@Test
	void callsToASeparateManagementPortAreNotApplicationTraffic() {
		// Base path / on the management port: no path tells these calls from the
		// application's, only the server that received them does.
		try (RunningApp app = start(true, "management.endpoints.web.base-path=/")) {
			assertThat(app.management("/health/readiness").statusCode()).isEqualTo(200);
			assertThat(app.management("/zdt").statusCode()).isEqualTo(200);
			assertThat(app.coordinator().traffic().arrivals()).isZero();
			assertThat(app.get("/hello").statusCode()).isEqualTo(200);
			assertThat(app.coordinator().traffic().arrivals()).isEqualTo(1);
		}
	}

	@Test
	void aRequestWhoseClientWentAwayIsNoLongerInFlight() throws Exception {
		try (RunningApp app = start(false)) {
			try (HttpConnection connection = HttpConnection.open(app.port(), TIMEOUT)) {
				connection.sendGet("/slow?ms=20000");
				awaitInFlight(app.coordinator(), (inFlight) -> inFlight == 1);
			}
			awaitInFlight(app.coordinator(), (inFlight) -> inFlight == 0);
		}
	}

	@Test
	void withConnectionCloseOffResponsesDuringTheDrainKeepTheConnection() {
		try (RunningApp app = start(false, "zdt.drain.connection-close=false")) {
			app.coordinator().startDrain(DrainTrigger.API);
			HttpResponse<String> during = app.get("/hello");
			assertThat(during.statusCode()).isEqualTo(200);
			assertThat(during.headers().firstValue("Connection")).isEmpty();
			assertThat(app.coordinator().traffic().arrivals()).isEqualTo(1);
		}
	}

	private record H2cResponse(int status, String version, @Nullable String connectionAsSet, String body) {
	}

	private static RunningApp start(boolean separateManagementPort, String... properties) {
		List<String> all = new ArrayList<>(SHORT_HOLD);
		all.addAll(List.of(properties));
		return RunningApp.startReactive(separateManagementPort, all.toArray(String[]::new));
	}

}
