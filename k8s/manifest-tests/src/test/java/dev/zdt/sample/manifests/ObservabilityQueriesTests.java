package dev.zdt.sample.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the alert rules in {@code k8s/observability} query meters the
 * app really publishes: every {@code zdt_…} name in their expressions appears in the
 * app's own {@code /actuator/prometheus} scrape (the path the PodMonitor scrapes) after
 * requests and a drain, so a renamed meter or a typo fails here, not in an empty panel.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0" })
@DirtiesContext
class ObservabilityQueriesTests {

	private static final Path OBSERVABILITY = Manifests.k8sDirectory().resolve("observability");

	private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-default-sample-6b2a4c/73e2d6bc24d8a067";

	private static final Pattern ZDT_METRIC = Pattern.compile("\\bzdt_[a-z0-9_]+\\b");

	private static final FakeElbv2Server ELB = startElb();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private DrainCoordinator coordinator;

	// The ALB strategy on, against a local ELBv2 API that reports the target draining:
	// the app then publishes its zdt_aws_* meters too.
	@DynamicPropertySource
	static void awsProperties(DynamicPropertyRegistry registry) {
		System.setProperty("aws.accessKeyId", "AKIAZDTTEST");
		System.setProperty("aws.secretAccessKey", "zdt-test-secret");
		registry.add("zdt.aws.endpoint", () -> ELB.endpoint().toString());
		registry.add("zdt.aws.region", () -> "eu-west-1");
		registry.add("zdt.aws.target-group-arns", () -> TARGET_GROUP);
		registry.add("zdt.aws.target-ip", () -> "192.0.2.15");
		registry.add("zdt.aws.first-poll-delay", () -> "0s");
		registry.add("zdt.aws.propagation-margin", () -> "0s");
	}

	private static FakeElbv2Server startElb() {
		try {
			FakeElbv2Server server = FakeElbv2Server.start().targetGroup(TARGET_GROUP, Duration.ofSeconds(30));
			server.targetHealth((arn, ip, port) -> FakeElbv2Server.TargetHealth.of("draining"));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stopElb() {
		ELB.close();
	}

	@Test
	void everyQueryNamesAMeterTheAppPublishes() throws Exception {
		assertThat(get(this.port, "/api/work?ms=1").statusCode()).isEqualTo(200);
		this.coordinator.drain(DrainTrigger.API);
		assertThat(get(this.port, "/api/work?ms=1").statusCode()).isEqualTo(200);
		HttpResponse<String> scrape = get(this.managementPort, scrapePath());
		assertThat(scrape.statusCode()).isEqualTo(200);
		Set<String> published = metricNames(scrape.body());

		List<String> queries = new ArrayList<>(dashboardQueries());
		queries.addAll(alertQueries());
		assertThat(queries).isNotEmpty().allSatisfy((query) -> {
			Set<String> named = metricNames(query);
			assertThat(named).as("zdt meters named in %s", query).isNotEmpty();
			assertThat(published).as("meters the app publishes").containsAll(named);
		});
	}

	@Test
	void dashboardLoadsAndEveryPanelHasATitleAndAQuery() throws Exception {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(dashboardFile()));
		assertThat(dashboard.path("uid").asString()).isNotBlank();
		assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(4);
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(panel.path("title").asString()).isNotBlank();
			assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
		}
	}

	@Test
	void everyAlertHasAnExpressionASeverityAndASummary() {
		List<Map<String, Object>> rules = alertRules();
		assertThat(rules).hasSizeGreaterThanOrEqualTo(3).allSatisfy((rule) -> {
			assertThat(Yamls.string(rule, "alert")).isNotBlank();
			assertThat(Yamls.string(rule, "expr")).isNotBlank();
			assertThat(Yamls.string(rule, "labels", "severity")).isNotBlank();
			assertThat(Yamls.string(rule, "annotations", "summary")).isNotBlank();
		});
	}

	private static String scrapePath() {
		Manifests observability = Manifests.load(OBSERVABILITY);
		Map<String, Object> podMonitor = observability.all("PodMonitor").get(0);
		Object endpoint = Yamls.list(podMonitor, "spec", "podMetricsEndpoints").get(0);
		assertThat(Yamls.string(endpoint, "port")).as("the management port's name in deployment.yaml")
			.isEqualTo("management");
		return Yamls.string(endpoint, "path");
	}

	private static Path dashboardFile() {
		return OBSERVABILITY.resolve("zdt-dashboard.json");
	}

	private static List<String> dashboardQueries() throws Exception {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(dashboardFile()));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString());
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String definition = variable.path("definition").asString("");
			if (definition.contains("zdt_")) {
				queries.add(definition);
			}
		}
		return queries;
	}

	private static List<String> alertQueries() {
		return alertRules().stream().map((rule) -> Yamls.string(rule, "expr")).toList();
	}

	private static List<Map<String, Object>> alertRules() {
		Map<String, Object> rule = Manifests.load(OBSERVABILITY).all("PrometheusRule").get(0);
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object group : Yamls.list(rule, "spec", "groups")) {
			Yamls.list(group, "rules").forEach((alert) -> rules.add(Yamls.map(alert)));
		}
		return rules;
	}

	private static Set<String> metricNames(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = ZDT_METRIC.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
