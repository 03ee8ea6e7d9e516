package dev.zdt.boot.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.boot.testapp.TestApplication;
import dev.zdt.core.DrainState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zdt endpoint of a WebFlux application on a real Reactor Netty server: the same
 * answers as on a servlet stack, on the application port and on a management port.
 */
class ZdtEndpointReactiveWebTests {

	private static final String TOKEN = "7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2";

	private static final Map<String, String> WITH_TOKEN = Map.of("X-Zdt-Token", TOKEN);

	private static final List<String> QUICK_HOLD = List.of("zdt.drain.strategy=fixed", "zdt.drain.delay=0s",
			"zdt.drain.min-hold=0s", "zdt.drain.max-hold=0s");

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void drainWithoutTheTokenIsForbiddenAndWithItDrains(boolean managementPort) {
		try (RunningApp app = start(managementPort, "zdt.drain.token=" + TOKEN)) {
			assertThat(app.management("/actuator/zdt/drain").statusCode()).isEqualTo(403);
			assertThat(app.management("POST", "/actuator/zdt/drain", Map.of()).statusCode()).isEqualTo(403);
			assertThat(app.management("GET", "/actuator/zdt/drain", Map.of("X-Zdt-Token", "wrong")).statusCode())
				.isEqualTo(403);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			HttpResponse<String> drained = app.management("GET", "/actuator/zdt/drain", WITH_TOKEN);
			assertThat(drained.statusCode()).isEqualTo(200);
			assertThat(drained.body()).contains("\"state\":\"DRAINED\"", "\"trigger\":\"endpoint\"");
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(app.get("/hello").statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void postDrainWithTheTokenDrains(boolean managementPort) {
		try (RunningApp app = start(managementPort, "zdt.drain.token=" + TOKEN)) {
			assertThat(app.management("POST", "/actuator/zdt/drain", WITH_TOKEN).statusCode()).isEqualTo(200);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
		}
	}

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void withoutATokenConfiguredTheDrainNeedsNone(boolean managementPort) {
		try (RunningApp app = start(managementPort)) {
			assertThat(app.management("/actuator/zdt/drain").statusCode()).isEqualTo(200);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
		}
	}

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void anUnknownOperationIsNotFoundAndOnlyThePathNamesTheOperation(boolean managementPort) {
		try (RunningApp app = start(managementPort, "zdt.drain.token=" + TOKEN)) {
			assertThat(app.management("GET", "/actuator/zdt/status", WITH_TOKEN).statusCode()).isEqualTo(404);
			assertThat(app.management("GET", "/actuator/zdt/cancel", WITH_TOKEN).statusCode()).isEqualTo(404);
			assertThat(app.management("POST", "/actuator/zdt/other", WITH_TOKEN).statusCode()).isEqualTo(404);
			assertThat(app.management("GET", "/actuator/zdt/status?operation=drain", WITH_TOKEN).statusCode())
				.isEqualTo(404);
			assertThat(app.management("POST", "/actuator/zdt/status", WITH_TOKEN, "{\"operation\":\"drain\"}")
				.statusCode()).isEqualTo(404);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
		}
	}

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void cancelNeedsTheTokenAndServesAgain(boolean managementPort) {
		try (RunningApp app = start(managementPort, "zdt.drain.token=" + TOKEN)) {
			assertThat(app.management("GET", "/actuator/zdt/drain", WITH_TOKEN).statusCode()).isEqualTo(200);
			assertThat(app.get("/hello").headers().firstValue("Connection")).hasValue("close");
			assertThat(app.management("POST", "/actuator/zdt/cancel", Map.of()).statusCode()).isEqualTo(403);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
			HttpResponse<String> cancelled = app.management("POST", "/actuator/zdt/cancel", WITH_TOKEN);
			assertThat(cancelled.statusCode()).isEqualTo(200);
			assertThat(cancelled.body()).contains("\"state\":\"SERVING\"");
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(app.get("/hello").headers().firstValue("Connection")).isEmpty();
		}
	}

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void loadBalancerDetailsAreShownOnlyToCallersWithTheToken(boolean managementPort) {
		try (RunningApp app = start(managementPort, "zdt.drain.token=" + TOKEN, "test.load-balancer-details=true")) {
			HttpResponse<String> anonymous = app.management("/actuator/zdt");
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(anonymous.body()).contains("\"state\":\"SERVING\"")
				.doesNotContain(TestApplication.TARGET_GROUP_ARN);
			assertThat(app.management("GET", "/actuator/zdt", Map.of("X-Zdt-Token", "wrong")).body())
				.doesNotContain(TestApplication.TARGET_GROUP_ARN);
			assertThat(app.management("GET", "/actuator/zdt", WITH_TOKEN).body())
				.contains(TestApplication.TARGET_GROUP_ARN, "10.1.2.3");
		}
	}

	@ParameterizedTest(name = "management port: {0}")
	@ValueSource(booleans = { false, true })
	void aListenerStuckAtTheHoldsEndDoesNotKeepTheCallerPastMaxHoldPlusTheMargin(boolean managementPort) {
		try (RunningApp app = start(managementPort, "zdt.drain.max-hold=1s",
				"management.endpoint.zdt.show-details=always", "test.stuck-hold-end=true")) {
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

	private static RunningApp start(boolean managementPort, String... properties) {
		List<String> all = new ArrayList<>(QUICK_HOLD);
		all.addAll(List.of(properties));
		return RunningApp.startReactive(managementPort, all.toArray(String[]::new));
	}

}
