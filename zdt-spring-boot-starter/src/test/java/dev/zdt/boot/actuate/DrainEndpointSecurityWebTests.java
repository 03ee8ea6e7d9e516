package dev.zdt.boot.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.boot.testapp.TestApplication;
import dev.zdt.core.DrainState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain endpoint answers only whom it should, however it is reached.
 */
class DrainEndpointSecurityWebTests {

	private static final String TOKEN = "7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2";

	private static final Map<String, String> WITH_TOKEN = Map.of("X-Zdt-Token", TOKEN);

	private static final List<String> QUICK_HOLD = List.of("zdt.drain.strategy=fixed", "zdt.drain.delay=0s",
			"zdt.drain.min-hold=0s", "zdt.drain.max-hold=0s");

	static Stream<Arguments> setups() {
		return Stream.of(
				Arguments.of("servlet path /app on the application port", false, "/app/actuator/zdt",
						List.of("spring.mvc.servlet.path=/app")),
				Arguments.of("context path and base path on the application port", false, "/ctx/manage/zdt",
						List.of("server.servlet.context-path=/ctx", "management.endpoints.web.base-path=/manage")),
				Arguments.of("application port, default paths", false, "/actuator/zdt", List.of()),
				Arguments.of("management port with its own base path", true, "/mgmt/actuator/zdt",
						List.of("management.server.base-path=/mgmt")),
				Arguments.of("management port, base path /", true, "/zdt",
						List.of("management.endpoints.web.base-path=/")),
				Arguments.of("management port, endpoint path mapped", true, "/actuator/lifecycle",
						List.of("management.endpoints.web.path-mapping.zdt=lifecycle")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("setups")
	void everySpellingOfTheDrainPathNeedsTheToken(String setup, boolean managementPort, String endpoint,
			List<String> properties) {
		try (RunningApp app = RunningApp.start(managementPort, with(properties, "zdt.drain.token=" + TOKEN))) {
			for (String path : spellings(endpoint)) {
				HttpResponse<String> response = app.management(path);
				assertThat(response.statusCode()).as(path).isNotEqualTo(200);
				assertThat(app.coordinator().state()).as(path).isEqualTo(DrainState.SERVING);
			}
			assertThat(app.management(endpoint + "/drain").statusCode()).isEqualTo(403);
			assertThat(app.management("POST", endpoint + "/drain", Map.of()).statusCode()).isEqualTo(403);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
			assertThat(app.management("GET", endpoint + "/drain", WITH_TOKEN).statusCode()).isEqualTo(200);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
		}
	}

	@Test
	void actuatorCallsUnderAServletPathAreNotApplicationTraffic() {
		try (RunningApp app = RunningApp.start(with(List.of("spring.mvc.servlet.path=/app")))) {
			assertThat(app.get("/app/hello").statusCode()).isEqualTo(200);
			assertThat(app.get("/app/actuator/health").statusCode()).isEqualTo(200);
			assertThat(app.get("/app/actuator/zdt").statusCode()).isEqualTo(200);
			assertThat(app.coordinator().traffic().arrivals()).isEqualTo(1);
		}
	}

	@Test
	void aQueryParameterOrBodyCannotTurnAnotherPathIntoTheDrain() {
		try (RunningApp app = RunningApp.start(true, with(List.of("zdt.drain.token=" + TOKEN)))) {
			assertThat(app.management("GET", "/actuator/zdt/status?operation=drain", WITH_TOKEN).statusCode())
				.isEqualTo(404);
			assertThat(app.management("POST", "/actuator/zdt/status", WITH_TOKEN, "{\"operation\":\"drain\"}")
				.statusCode()).isEqualTo(404);
			assertThat(app.management("POST", "/actuator/zdt/status?operation=drain", WITH_TOKEN).statusCode())
				.isEqualTo(404);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
			assertThat(app.management("GET", "/actuator/zdt/drain?operation=status", WITH_TOKEN).statusCode())
				.isEqualTo(200);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
		}
	}

	@Test
	void aTokenWithTheTrailingNewlineOfASecretFileIsTrimmed() {
		try (RunningApp app = RunningApp.start(true, Map.of("zdt.drain.token", " " + TOKEN + "\n"), with(List.of()))) {
			assertThat(app.management("GET", "/actuator/zdt/drain", WITH_TOKEN).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void cancelServesAgainAndNeedsTheToken() {
		try (RunningApp app = RunningApp.start(true, with(List.of("zdt.drain.token=" + TOKEN)))) {
			assertThat(app.management("GET", "/actuator/zdt/drain", WITH_TOKEN).statusCode()).isEqualTo(200);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(app.get("/hello").headers().firstValue("Connection")).hasValue("close");
			assertThat(app.management("POST", "/actuator/zdt/cancel", Map.of()).statusCode()).isEqualTo(403);
			assertThat(app.management("GET", "/actuator/zdt/cancel", WITH_TOKEN).statusCode()).isNotEqualTo(200);
			assertThat(app.coordinator().state()).isEqualTo(DrainState.DRAINED);
			HttpResponse<String> cancelled = app.management("POST", "/actuator/zdt/cancel", WITH_TOKEN);
			assertThat(cancelled.statusCode()).isEqualTo(200);
			assertThat(cancelled.body()).contains("\"state\":\"SERVING\"");
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(app.get("/hello").headers().firstValue("Connection")).isEmpty();
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aDrainThatNoShutdownFollowsIsCancelledByTheWatchdog(CapturedOutput output) throws InterruptedException {
		try (RunningApp app = RunningApp.start(true,
				with(List.of("zdt.drain.token=" + TOKEN, "zdt.drain.cancel-after=1s")))) {
			HttpResponse<String> drained = app.management("GET", "/actuator/zdt/drain", WITH_TOKEN);
			assertThat(drained.statusCode()).isEqualTo(200);
			assertThat(drained.body()).contains("\"state\":\"DRAINED\"");
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING));
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(output).contains("WARN").contains("zdt: no shutdown followed the drain");
		}
	}

	@Test
	void loadBalancerDetailsAreShownOnlyToCallersWithTheToken() {
		try (RunningApp app = RunningApp.start(true,
				with(List.of("zdt.drain.token=" + TOKEN, "test.load-balancer-details=true")))) {
			HttpResponse<String> anonymous = app.management("/actuator/zdt");
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(anonymous.body()).contains("\"state\":\"SERVING\"")
				.doesNotContain(TestApplication.TARGET_GROUP_ARN, "10.1.2.3");
			assertThat(app.management("GET", "/actuator/zdt", Map.of("X-Zdt-Token", "wrong")).body())
				.doesNotContain(TestApplication.TARGET_GROUP_ARN);
			assertThat(app.management("GET", "/actuator/zdt", WITH_TOKEN).body())
				.contains(TestApplication.TARGET_GROUP_ARN, "10.1.2.3");
		}
	}

	@Test
	void loadBalancerDetailsFollowShowDetails() {
		try (RunningApp app = RunningApp.start(true, with(List.of("zdt.drain.token=" + TOKEN,
				"test.load-balancer-details=true", "management.endpoint.zdt.show-details=always")))) {
			assertThat(app.management("/actuator/zdt").body()).contains(TestApplication.TARGET_GROUP_ARN);
		}
		try (RunningApp app = RunningApp.start(true, with(List.of("zdt.drain.token=" + TOKEN,
				"test.load-balancer-details=true", "management.endpoint.zdt.show-details=never")))) {
			assertThat(app.management("GET", "/actuator/zdt", WITH_TOKEN).body())
				.doesNotContain(TestApplication.TARGET_GROUP_ARN);
		}
	}

	private static String[] with(List<String> properties, String... more) {
		List<String> all = new ArrayList<>(QUICK_HOLD);
		all.addAll(properties);
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/**
	 * Ways a client or proxy may spell the drain path of the endpoint at
	 * {@code endpoint}.
	 */
	private static List<String> spellings(String endpoint) {
		String drain = endpoint + "/drain";
		String parent = endpoint.substring(0, endpoint.lastIndexOf('/'));
		String id = endpoint.substring(endpoint.lastIndexOf('/') + 1);
		List<String> spellings = new ArrayList<>(List.of(drain, drain + "/", drain + ";x=1", endpoint + "/%64rain",
				endpoint + "%2Fdrain", endpoint + ";a=b/drain", "/" + drain, drain.replace("/drain", "//drain"),
				drain.replace("/drain", "/./drain"), drain.replace("/drain", "/x/../drain"),
				drain.toUpperCase(Locale.ROOT), parent + "/" + id.toUpperCase(Locale.ROOT) + "/drain",
				endpoint + "/DRAIN", endpoint + "/status?operation=drain"));
		if (!parent.isEmpty()) {
			spellings.add(parent + "//" + id + "/drain");
		}
		return spellings;
	}

}
