package dev.zdt.boot.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import org.junit.jupiter.api.Test;

import static dev.zdt.boot.testapp.DrainAwait.awaitInFlight;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections at the edges of a drain, on a real Tomcat.
 */
class ConnectionDrainWebTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void aKeepAliveConnectionIdleThroughTheHoldIsClosedWhenTheHoldEnds() throws Exception {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=300ms",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s");
				HttpConnection connection = HttpConnection.open(app.port(), TIMEOUT)) {
			HttpResult response = connection.get("/hello");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.connectionClose()).isFalse();
			app.coordinator().drain(DrainTrigger.API);
			assertThat(connection.closedByServer(Duration.ofSeconds(2)))
				.as("end of stream (FIN) once the hold has ended: the idle keep-alive connection is not left open")
				.isTrue();
		}
	}

	@Test
	void aResponseCompletedAfterTheDrainStartedCarriesConnectionClose() throws Exception {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s")) {
			CompletableFuture<HttpResponse<String>> slow = CompletableFuture
				.supplyAsync(() -> app.get("/slow?ms=1000"));
			awaitInFlight(app.coordinator(), 1);
			app.coordinator().startDrain(DrainTrigger.API);
			HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Connection")).hasValue("close");
		}
	}

	@Test
	void aConnectionOpenedDuringTheHoldIsLeftOpenWhenTheHoldEndsAndItsRequestIsServed() throws Exception {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s")) {
			CompletableFuture<DrainResult> hold = app.coordinator().startDrain(DrainTrigger.API);
			try (HttpConnection late = HttpConnection.open(app.port(), TIMEOUT)) {
				hold.get(10, TimeUnit.SECONDS);
				HttpResult response = late.get("/hello");
				assertThat(response.status()).as("a request on a connection opened during the hold").isEqualTo(200);
				assertThat(response.connectionClose()).isTrue();
				assertThat(response.body()).isEqualTo("hello");
			}
		}
	}

}
