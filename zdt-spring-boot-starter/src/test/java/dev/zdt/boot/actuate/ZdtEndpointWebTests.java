package dev.zdt.boot.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.awaitility.Awaitility.await;
import static dev.zdt.boot.testapp.DrainAwait.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

class ZdtEndpointWebTests {

	private static final Map<String, String> TOKEN = Map.of("X-Zdt-Token", "7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2");

	private static final String[] SHORT_FIXED_HOLD = { "zdt.drain.strategy=fixed", "zdt.drain.delay=1500ms",
			"zdt.drain.min-hold=0s", "zdt.drain.max-hold=5s", "zdt.drain.token=7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2" };

	@Test
	void statusShowsAServingInstance() {
		try (RunningApp app = RunningApp.start(SHORT_FIXED_HOLD)) {
			HttpResponse<String> status = app.management("/actuator/zdt");
			assertThat(status.statusCode()).isEqualTo(200);
			assertThat(status.body()).contains("\"state\":\"SERVING\"", "\"strategy\":\"fixed\"", "\"inFlight\":0",
					"\"maxHoldMs\":5000");
			assertThat(status.body()).doesNotContain("\"trigger\"", "drainStartedAt");
		}
	}

	@Test
	void statusShowsTheEvidenceOfTheAdaptiveHold() {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=adaptive", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=5s")) {
			assertThat(app.management("/actuator/zdt").body()).contains("\"evidence\":{\"rule\":\"no-traffic\"");
			app.get("/hello");
			assertThat(app.management("/actuator/zdt").body()).contains("\"silenceMs\":",
					"\"longestSilenceBeforeDrainMs\":0", "\"busySecondsBeforeDrain\":1", "\"sources\":1");
		}
	}

	@Test
	void drainWhenTokenMissingShouldReturnForbiddenAndNotDrain() {
		try (RunningApp app = RunningApp.start(SHORT_FIXED_HOLD)) {
			assertThat(app.management("/actuator/zdt/drain").statusCode()).isEqualTo(403);
			assertThat(app.management("POST", "/actuator/zdt/drain", Map.of()).statusCode()).isEqualTo(403);
			assertThat(app.management("GET", "/actuator/zdt/drain", Map.of("X-Zdt-Token", "wrong")).statusCode())
				.isEqualTo(403);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void emptyTokenNeedsNoTokenAsUnsetDoes() {
		try (RunningApp app = RunningApp.start(true, "zdt.drain.strategy=fixed", "zdt.drain.delay=0s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=5s", "zdt.drain.token=")) {
			assertThat(app.management("/actuator/zdt/drain").statusCode()).isEqualTo(200);
			assertThat(app.coordinator().state()).isNotEqualTo(DrainState.SERVING);
		}
	}

	@ParameterizedTest(name = "{0} without a token cannot drain")
	@ValueSource(strings = { "/actuator/zdt/drain/", "/actuator/zdt/%64rain", "/actuator/zdt/drain;x=1",
			"/actuator//zdt/drain", "/actuator/zdt/./drain", "/actuator/ZDT/drain" })
	void drainPathSpellingsWithoutTokenShouldNotDrain(String path) {
		try (RunningApp app = RunningApp.start(true, SHORT_FIXED_HOLD)) {
			HttpResponse<String> response = app.management(path);
			assertThat(response.statusCode()).isNotEqualTo(200);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
		}
	}

	@Test
	void drainWhenAnotherOperationIsNamedShouldReturnNotFound() {
		try (RunningApp app = RunningApp.start(SHORT_FIXED_HOLD)) {
			assertThat(app.management("GET", "/actuator/zdt/explode", TOKEN).statusCode()).isEqualTo(404);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
		}
	}

	@Test
	void drainReturnsOnlyAfterTheHoldAndIsIdempotent() {
		try (RunningApp app = RunningApp.start(SHORT_FIXED_HOLD)) {
			long start = System.nanoTime();
			HttpResponse<String> drained = app.management("GET", "/actuator/zdt/drain", TOKEN);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(drained.statusCode()).isEqualTo(200);
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
			assertThat(drained.body()).contains("\"state\":\"DRAINED\"", "\"trigger\":\"endpoint\"",
					"\"holdEndReason\":\"delay\"");
			start = System.nanoTime();
			HttpResponse<String> again = app.management("POST", "/actuator/zdt/drain", TOKEN);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(again.body()).contains("\"holdEndReason\":\"delay\"");
			assertThat(drainStartedAt(again.body())).isEqualTo(drainStartedAt(drained.body()));
		}
	}

	@Test
	void aListenerStuckAtTheHoldsEndDoesNotKeepTheCallerPastMaxHoldPlusTheMargin() {
		try (RunningApp app = RunningApp.start(true, "zdt.drain.strategy=fixed", "zdt.drain.delay=0s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s", "management.endpoint.zdt.show-details=always",
				"test.stuck-hold-end=true")) {
			long start = System.nanoTime();
			HttpResponse<String> drained = app.management("/actuator/zdt/drain");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(drained.statusCode()).isEqualTo(200);
			// The drain waits at most 1 s for a stuck listener, within the 2 s margin:
			// the caller is answered by then, never by the servlet container's async
			// timeout.
			assertThat(drained.body()).contains("\"state\":\"DRAINED\"");
			assertThat(took).as("max-hold (1 s), at most + the wait margin (2 s)")
				.isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3).plusMillis(500));
		}
	}

	@Test
	void whileDrainingReadinessRefusesAndApplicationRequestsAreServedWithConnectionClose() throws Exception {
		try (RunningApp app = RunningApp.start(true, SHORT_FIXED_HOLD)) {
			assertThat(app.get("/hello").headers().firstValue("Connection")).isEmpty();
			CompletableFuture<HttpResponse<String>> drain = CompletableFuture
				.supplyAsync(() -> app.management("GET", "/actuator/zdt/drain", TOKEN));
			awaitState(app.coordinator(), DrainState.DRAINING);
			// The state turns DRAINING just before the listeners (readiness among them)
			// hear of the drain.
			awaitReadiness(app, 503);
			assertThat(app.management("/actuator/health/liveness").statusCode()).isEqualTo(200);
			HttpResponse<String> hello = app.get("/hello");
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("hello");
			assertThat(hello.headers().firstValue("Connection")).hasValue("close");
			assertThat(drain.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			assertThat(app.get("/hello").statusCode()).isEqualTo(200);
			// Requests after the hold still count, as in the zdt.requests.after.drain
			// meter.
			assertThat(app.management("/actuator/zdt").body()).contains("\"requestsAfterDrainStart\":2");
		}
	}

	@Test
	void probesAndActuatorCallsAreNotCountedAsApplicationTraffic() {
		try (RunningApp app = RunningApp.start(SHORT_FIXED_HOLD)) {
			app.get("/hello");
			app.get("/actuator/health");
			app.get("/actuator/zdt");
			assertThat(app.coordinator().traffic().arrivals()).isEqualTo(1);
		}
	}

	private static void awaitReadiness(RunningApp app, int status) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(status));
	}

	private static String drainStartedAt(String body) {
		int start = body.indexOf("\"drainStartedAt\":\"") + 18;
		return body.substring(start, body.indexOf('"', start));
	}

}
