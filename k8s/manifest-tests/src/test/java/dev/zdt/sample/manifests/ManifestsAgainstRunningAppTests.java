package dev.zdt.sample.manifests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What kubelet and the ALB will do with {@code k8s/base}, done to the running app: the
 * probe and health check URLs answer on the management port, and the preStop call, with
 * the token from the Secret, drains the app, after which readiness (and so the ALB health
 * check) fails while liveness holds. The shipped token is a placeholder the app refuses,
 * so the test puts a generated one in both places first, as k8s/README.md ("The drain
 * token") tells users to. The app gets the grace period the manifests give it, and its
 * startup check must accept it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManifestsAgainstRunningAppTests {

	private static final Manifests MANIFESTS = Manifests.load(Manifests.k8sDirectory().resolve("base"));

	private static final String OWN_TOKEN = DrainTokenPlaceholderTests.generatedToken();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int serverPort;

	@LocalManagementPort
	private int managementPort;

	@DynamicPropertySource
	static void tokenFromTheSecret(DynamicPropertyRegistry registry) {
		registry.add("zdt.drain.token",
				() -> withOwnToken(Yamls.string(MANIFESTS.only("Secret"), "stringData", "token")));
		registry.add("zdt.termination-grace-period", () -> Yamls
			.string(Yamls.named(Yamls.list(container(), "env"), "ZDT_TERMINATION_GRACE_PERIOD"), "value"));
	}

	@Test
	@Order(0)
	void theAppsStartupCheckAcceptsTheGracePeriodOfTheManifests(CapturedOutput output) {
		// The sample runs @Async and @Scheduled work beside its web server: the budget
		// the app checks at startup counts every shutdown phase, and the manifests' grace
		// period must hold them all, without zdt shortening its own hold to fit.
		assertThat(output).containsPattern("Started \\w+ in")
			.doesNotContain("zdt: the shutdown may not fit")
			.doesNotContain("fitted to");
	}

	@Test
	@Order(1)
	void probesAndAlbHealthCheckAnswerOnTheManagementPortOnly() throws Exception {
		for (String probe : new String[] { "startupProbe", "readinessProbe", "livenessProbe" }) {
			Map<String, Object> httpGet = Yamls.map(container(), probe, "httpGet");
			String path = Yamls.string(httpGet, "path");
			assertThat(get(port(Yamls.at(httpGet, "port")), path, Map.of()).statusCode()).as(probe).isEqualTo(200);
			assertThat(get(this.serverPort, path, Map.of()).statusCode()).as(probe + " on the app port").isEqualTo(404);
		}
		Map<String, Object> annotations = Yamls.map(MANIFESTS.only("Ingress"), "metadata", "annotations");
		String healthCheckPath = Yamls.string(annotations, "alb.ingress.kubernetes.io/healthcheck-path");
		int healthCheckPort = port(
				Integer.valueOf(Yamls.string(annotations, "alb.ingress.kubernetes.io/healthcheck-port")));
		assertThat(get(healthCheckPort, healthCheckPath, Map.of("User-Agent", "ELB-HealthChecker/2.0")).statusCode())
			.isEqualTo(200);
		assertThat(get(port("http"), "/", Map.of()).statusCode()).as("the game on the http port").isEqualTo(200);
	}

	@Test
	@Order(2)
	void preStopCallDrainsTheAppThenReadinessFailsAndLivenessHolds() throws Exception {
		Map<String, Object> preStop = Yamls.map(container(), "lifecycle", "preStop", "httpGet");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("User-Agent", "kube-lifecycle/1.32");
		Yamls.list(preStop, "httpHeaders")
			.forEach(
					(header) -> headers.put(Yamls.string(header, "name"), withOwnToken(Yamls.string(header, "value"))));

		HttpResponse<String> drain = get(port(Yamls.at(preStop, "port")), Yamls.string(preStop, "path"), headers);

		assertThat(drain.statusCode()).as(drain.body()).isEqualTo(200);
		assertThat(drain.body()).contains("\"state\":\"DRAIN");
		Map<String, Object> readiness = Yamls.map(container(), "readinessProbe", "httpGet");
		Map<String, Object> liveness = Yamls.map(container(), "livenessProbe", "httpGet");
		assertThat(get(port(Yamls.at(readiness, "port")), Yamls.string(readiness, "path"), Map.of()).statusCode())
			.isEqualTo(503);
		assertThat(get(port(Yamls.at(liveness, "port")), Yamls.string(liveness, "path"), Map.of()).statusCode())
			.isEqualTo(200);
	}

	private static String withOwnToken(@Nullable String value) {
		return String.valueOf(value).replace(DrainTokenPlaceholderTests.PLACEHOLDER, OWN_TOKEN);
	}

	private static Map<String, Object> container() {
		return Yamls.map(Yamls.list(MANIFESTS.only("Deployment"), "spec", "template", "spec", "containers").get(0));
	}

	/**
	 * Maps a port of the manifests (number or name) to the port the app got in this test.
	 */
	private int port(@Nullable Object manifestPort) {
		Object containerPort = manifestPort;
		if (manifestPort instanceof String name && !name.chars().allMatch(Character::isDigit)) {
			containerPort = Yamls.at(Yamls.named(Yamls.list(container(), "ports"), name), "containerPort");
		}
		AppSettings app = AppSettings.load();
		if (Integer.valueOf(app.managementPort()).equals(containerPort)) {
			return this.managementPort;
		}
		if (Integer.valueOf(app.serverPort()).equals(containerPort)) {
			return this.serverPort;
		}
		throw new IllegalStateException("port " + manifestPort + " is neither the app's server nor management port");
	}

	private HttpResponse<String> get(int port, @Nullable String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
