package dev.zdt.lab.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.zdt.lab.load.LoadReport;
import dev.zdt.lab.load.NodeLoad;
import dev.zdt.lab.load.Timeline;
import dev.zdt.lab.rollout.Event;
import dev.zdt.lab.rollout.LagRange;
import dev.zdt.lab.rollout.LoadBalancerNodes;
import dev.zdt.lab.rollout.RolloutResult;
import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;
import dev.zdt.lab.rollout.Scenario;
import dev.zdt.lab.rollout.Termination;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TimelineSvg} and {@link BenchmarkTable}.
 *
 * @author zdt
 */
class ReportTests {

	@Test
	void timelineIsAnSvgDocumentWithTheRunsSeriesAndMarkers() throws Exception {
		String svg = TimelineSvg.render(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0));
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(3);
		assertThat(svg).contains("pod-1 deleted", "pod-1 LB draining", "pod-1 SIGTERM", "pod-1 exit",
				"pod-2 answered/s", "0 LB 5xx");
	}

	@Test
	void timelineShowsFailedRequestsAsBars() {
		String svg = TimelineSvg.render(result(Scenario.BOOT_DEFAULTS, 40, 1.0, 1.0));
		assertThat(svg).contains("fill=\"#d62728\"", "40 LB 5xx");
	}

	@Test
	void tableShowsMediansPerCellAndHowManyRunsFailed() {
		BenchmarkTable table = new BenchmarkTable();
		table.add(result(Scenario.BOOT_DEFAULTS, 40, 1.0, 1.0));
		table.add(result(Scenario.BOOT_DEFAULTS, 10, 2.0, 3.0));
		table.add(result(Scenario.BOOT_DEFAULTS, 30, 1.5, 5.0));
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0));
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 11.0, 13.0));
		table.add(result(Scenario.ZDT_ADAPTIVE, 7, 10.0, 12.0));
		String markdown = table.markdown();
		assertThat(markdown.lines()).hasSize(4);
		assertThat(markdown)
			.contains("| Spring Boot defaults | 600 req/s | 2–15 s | 3 | 3 | 30 | 0 | 1000 | 3.00 % | 2.5 s | 5.0 s |");
		assertThat(markdown).contains(
				"| zdt adaptive (defaults) | 600 req/s | 2–15 s | 3 | 1 | 0 | 0 | 1000 | 0.00 % | 12.0 s | 14.0 s |");
		assertThat(table.csv().lines()).hasSize(7);
	}

	@Test
	void tableIsMadeAgainFromItsCsv() {
		BenchmarkTable table = new BenchmarkTable();
		table.add(result(Scenario.BOOT_DEFAULTS, 40, 1.0, 1.0));
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0));
		BenchmarkTable again = BenchmarkTable.fromCsv(table.csv());
		assertThat(again.markdown()).isEqualTo(table.markdown());
		assertThat(again.csv()).isEqualTo(table.csv());
	}

	@Test
	void cellsOfATrafficShapeAreNamedByTheShapeAndSurviveTheCsv() {
		BenchmarkTable table = new BenchmarkTable();
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0));
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0, "bursty"));
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0, "page-loads"));
		String markdown = table.markdown();
		assertThat(markdown.lines()).hasSize(5);
		assertThat(markdown).contains("| zdt adaptive (defaults) | 600 req/s | 2–15 s | 1 |",
				"| zdt adaptive (defaults) | bursty 600 req/s (1 s on / 2 s off) | 2–15 s | 1 |",
				"| zdt adaptive (defaults) | page loads (10 users x 5-20 requests / think 2 s-6 s) | 2–15 s | 1 |");
		assertThat(BenchmarkTable.fromCsv(table.csv()).markdown()).isEqualTo(markdown);
		assertThat(BenchmarkTable
			.fromCsv(RunRow.CSV_HEADER + "\n"
					+ table.csv().lines().skip(1).findFirst().orElseThrow().replaceFirst("\"600\"", "600"))
			.markdown()).contains("| 600 req/s |");
	}

	@Test
	void runsBehindSeveralLoadBalancerNodesShowTheirNodesLagsAndFailuresPerNode() {
		BenchmarkTable table = new BenchmarkTable();
		RunResult twoNodes = result(Scenario.ZDT_AWS, 5, 12.0, 14.0, "steady",
				Map.of("lb-node-1", new NodeLoad(900, 0), "lb-node-2", new NodeLoad(100, 5)));
		table.add(twoNodes);
		table.add(result(Scenario.ZDT_AWS, 0, 12.0, 14.0, "steady",
				Map.of("lb-node-1", new NodeLoad(900, 0), "lb-node-2", new NodeLoad(100, 0))));
		String markdown = table.markdown();
		assertThat(markdown.lines().findFirst().orElseThrow()).endsWith("| SIGKILL | Failed by LB node, each run |");
		assertThat(markdown)
			.contains("| zdt AWS target health (fake ELBv2) | 600 req/s | "
					+ "2–15 s; LB nodes 160:1 stop +0 / +5–10 s | 2 | 1 |")
			.contains("| lb-node-1=0 lb-node-2=5; lb-node-1=0 lb-node-2=0 |");
		assertThat(BenchmarkTable.fromCsv(table.csv()).markdown()).isEqualTo(markdown);
	}

	@Test
	void csvOfRunsBeforeTheLoadBalancerNodesColumnIsStillRead() {
		BenchmarkTable table = new BenchmarkTable();
		table.add(result(Scenario.ZDT_ADAPTIVE, 0, 12.0, 14.0));
		String line = table.csv().lines().skip(1).findFirst().orElseThrow();
		String before = line.substring(0, line.lastIndexOf(','));
		assertThat(BenchmarkTable.fromCsv(RunRow.CSV_HEADER + "\n" + before + "\n").markdown())
			.isEqualTo(table.markdown())
			.doesNotContain("LB node");
	}

	@Test
	void csvLineWithTheWrongNumberOfFieldsIsRejectedWithTheExpectedColumns() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkTable.fromCsv(RunRow.CSV_HEADER + "\nzdt-adaptive,600,\"2–5 s\"\n"))
			.withMessageContaining("Expected 17 fields")
			.withMessageContaining("scenario,rate,lag");
	}

	private static RunResult result(Scenario scenario, int serverErrors, double termination, double maxTermination) {
		return result(scenario, serverErrors, termination, maxTermination, "steady");
	}

	private static RunResult result(Scenario scenario, int serverErrors, double termination, double maxTermination,
			String shape) {
		return result(scenario, serverErrors, termination, maxTermination, shape, Map.of());
	}

	private static RunResult result(Scenario scenario, int serverErrors, double termination, double maxTermination,
			String shape, Map<String, NodeLoad> nodes) {
		Timeline timeline = new Timeline();
		for (int second = 0; second < 30; second++) {
			for (int i = 0; i < 20; i++) {
				timeline.recordOk(second * 1_000_000_000L, (second < 15) ? "pod-1" : "pod-2");
			}
		}
		for (int i = 0; i < serverErrors; i++) {
			timeline.recordServerError(16_000_000_000L);
		}
		LoadReport load = new LoadReport(1000, 1000, 1000 - serverErrors,
				(serverErrors > 0) ? Map.of(200, 1000L - serverErrors, 503, (long) serverErrors) : Map.of(200, 1000L),
				Map.of(), Duration.ofMillis(12), Duration.ofMillis(40), Duration.ofMillis(90), timeline,
				new TreeMap<>(nodes));
		List<Termination> terminations = List.of(
				new Termination("pod-1", seconds(termination), 143, false, "none", Duration.ofSeconds(5)),
				new Termination("pod-2", seconds(maxTermination), 143, false, "none", Duration.ofSeconds(5)));
		RolloutResult rollout = new RolloutResult(Duration.ofSeconds(25), Duration.ofSeconds(20), terminations);
		List<Event> events = List.of(new Event(1_000_000_000L, "-", Event.Kind.LOAD_STARTED, ""),
				new Event(10_000_000_000L, "pod-1", Event.Kind.DELETED, ""),
				new Event(14_000_000_000L, "pod-1", Event.Kind.DEREGISTERED, ""),
				new Event(15_000_000_000L, "pod-1", Event.Kind.SIGTERM, ""),
				new Event(15_500_000_000L, "pod-1", Event.Kind.EXITED, "exit code 143"));
		RunSpec spec = RunSpec.of(scenario).withShape(shape).withLag(LagRange.parse("2-15")).withSeed(1);
		if (!nodes.isEmpty()) {
			spec = spec.withNodes(LoadBalancerNodes.parse(2, "160:1", "0,5-10"));
		}
		return new RunResult(spec, load, List.of(rollout), events, Map.of(), Path.of("target/lab/test"));
	}

	private static Duration seconds(double seconds) {
		return Duration.ofMillis((long) (seconds * 1000));
	}

}
