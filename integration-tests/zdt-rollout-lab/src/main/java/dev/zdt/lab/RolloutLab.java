package dev.zdt.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.zdt.lab.cost.RequestPathCost;
import dev.zdt.lab.lb.HealthCheck;
import dev.zdt.lab.pod.JarPodTemplate;
import dev.zdt.lab.pod.PodImage;
import dev.zdt.lab.pod.PodTemplate;
import dev.zdt.lab.report.BackgroundBench;
import dev.zdt.lab.report.Benchmark;
import dev.zdt.lab.report.HoldTimes;
import dev.zdt.lab.report.TimelineSvg;
import dev.zdt.lab.rollout.LabRun;
import dev.zdt.lab.rollout.LagRange;
import dev.zdt.lab.rollout.LoadBalancerNodes;
import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;
import dev.zdt.lab.rollout.Scenario;

/**
 * The lab's command line. <pre>
 * run   [--scenario zdt-adaptive] [--rate 600] [--shape steady] [--lag 2-15] [--pods 2] [--rollouts 1]
 *       [--seed N] [--path /api/work?ms=10] [--unhealthy-after 20] [--lb health-checks] [--locust] [--svg FILE]
 *       [--lb-nodes 1] [--node-split 99:1] [--node-lag 0,6-10]
 * bench [quick|full|shapes|nodes] [--runs N] [--scenarios ids] [--shapes steady] [--rates 600,3] [--lags 2-5,11-15]
 *       [--lb health-checks] [--lb-nodes 1] [--node-split 99:1] [--node-lag 0,6-10] [--out results]
 *       (quick: 1 run per cell, high traffic only; full: 3 runs per cell; shapes: 3 runs per cell of
 *       bursty, page-loads, pollers, lag 11-15, LB routing until deregistered, into results/shapes;
 *       nodes: zdt adaptive and zdt AWS, steady and bursty at 644 req/s over 2 LB nodes split 160:1, the
 *       second stopping 5-10 s after draining, lag 3-6, LB routing until deregistered, 3 runs per cell,
 *       into results/nodes)
 * bench background [--runs 3] [--scenarios boot-defaults,zdt-adaptive,zdt-nothing-set] [--rate 200] [--lag 2-5]
 *       [--events-per-second 20] [--settle-timeout 300] [--out results/background]
 *       (the sample app with its background work: Kafka score events, @Async exports, a scheduled
 *       cleanup; counts exports lost, cleanup runs cut, events lost and processed twice)
 * cost  [--forks 3] [--runs 4] [--duration 8] [--starts 5] [--out results]
 * table [--out results]   (benchmark.md's table again from benchmark-runs.csv)
 * holds [--out results/shapes]   (the zdt pods' hold times, from the logs of the runs in benchmark-runs.csv)
 * </pre> The sample app jar comes from {@code -Dzdt.lab.app-jar}, the Spring Boot 3.5 one
 * ({@code zdt-boot3}) from {@code -Dzdt.lab.app-jar.zdt-sample-app-boot3}, the WebFlux
 * one ({@code zdt-webflux}) from {@code -Dzdt.lab.app-jar.zdt-sample-app-webflux} (the
 * Maven build sets them), logs go under {@code -Dzdt.lab.work} (default
 * {@code target/lab}).
 *
 * @author zdt
 */
public final class RolloutLab {

	// bench nodes: 640 req/s to the busy node, 4 req/s to the quiet one (issue 23).
	private static final double NODES_RATE = 644;

	private static final String NODES_SPLIT = "160:1";

	private static final String NODES_LAG = "0,5-10";

	private RolloutLab() {
	}

	public static void main(String[] args) throws Exception {
		// Pods and HAProxy are child processes: take them along when the lab is stopped
		// (Ctrl-C, kill).
		Runtime.getRuntime()
			.addShutdownHook(
					new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
		String[] words = (args.length == 1) ? args[0].trim().split("\\s+") : args;
		Arguments arguments = new Arguments(words);
		String command = arguments.positional(0, "help");
		int status = switch (command) {
			case "run" -> run(arguments);
			case "bench" -> bench(arguments);
			case "cost" -> cost(arguments);
			case "table" -> table(arguments);
			case "holds" -> holds(arguments);
			default -> help();
		};
		System.exit(status);
	}

	private static int run(Arguments arguments) throws Exception {
		RunSpec spec = spec(arguments, Scenario.of(arguments.get("scenario", Scenario.ZDT_ADAPTIVE.id())));
		Path directory = workDirectory().resolve("run-" + timestamp());
		RunResult result = new LabRun(image(), directory, System.out::println).execute(spec);
		Path svg = Path.of(arguments.get("svg", directory.resolve("timeline.svg").toString()));
		Files.writeString(svg, TimelineSvg.render(result));
		System.out.println("timeline: " + svg.toAbsolutePath());
		return 0;
	}

	private static int bench(Arguments arguments) throws Exception {
		String preset = arguments.positional(1, "full");
		if (preset.equals("background")) {
			return background(arguments);
		}
		boolean quick = preset.equals("quick");
		boolean shapes = preset.equals("shapes");
		boolean nodes = preset.equals("nodes");
		List<Scenario> scenarios = new ArrayList<>();
		for (String id : arguments.list("scenarios", "")) {
			scenarios.add(Scenario.of(id));
		}
		if (scenarios.isEmpty()) {
			scenarios.addAll(nodes ? List.of(Scenario.ZDT_ADAPTIVE, Scenario.ZDT_AWS) : Scenario.standard());
		}
		List<String> shapeNames = arguments.list("shapes",
				shapes ? "bursty,page-loads,pollers" : nodes ? "steady,bursty" : "steady");
		List<Double> rates = new ArrayList<>();
		arguments.list("rates", (quick || shapes) ? "600" : nodes ? String.valueOf(NODES_RATE) : "600,3")
			.forEach((rate) -> rates.add(Double.parseDouble(rate)));
		List<LagRange> lags = new ArrayList<>();
		arguments.list("lags", shapes ? "11-15" : nodes ? "3-6" : "2-5,11-15")
			.forEach((lag) -> lags.add(LagRange.parse(lag)));
		int runs = arguments.getInt("runs", quick ? 1 : 3);
		RunSpec base = spec(arguments, Scenario.ZDT_ADAPTIVE);
		if (nodes) {
			// Issue 23's set-up: a busy node (~640 req/s) that stops at draining, a quiet
			// one (~4 req/s) in another zone that stops 5-10 s later, each keeping the
			// target until it is told to drain.
			base = base.withNodes(nodes(arguments, "2", NODES_SPLIT, NODES_LAG))
				.withWarmUp(Duration.ofSeconds(10), Duration.ofSeconds(3));
			if (!arguments.has("lb")) {
				base = base.withHealthCheck(base.healthCheck().untilDeregistered());
			}
		}
		if (quick) {
			base = base.withWarmUp(Duration.ofSeconds(3), Duration.ofSeconds(2));
		}
		if (shapes) {
			// Long enough for a few periods of each shape before the first drain.
			base = base.withWarmUp(Duration.ofSeconds(10), Duration.ofSeconds(3));
			if (!arguments.has("lb")) {
				base = base.withHealthCheck(base.healthCheck().untilDeregistered());
			}
		}
		Path out = Path.of(arguments.get("out", shapes ? "results/shapes" : nodes ? "results/nodes" : "results"));
		Benchmark benchmark = new Benchmark(image(), workDirectory().resolve("bench-" + timestamp()), out,
				System.out::println);
		benchmark.run(base, scenarios, shapeNames, rates, lags, runs);
		if (nodes) {
			String holds = HoldTimes.table(out);
			Files.writeString(out.resolve("holds.md"), holds);
			System.out.print(holds);
		}
		return 0;
	}

	/**
	 * The sample app with its background work (Kafka score events, {@code @Async}
	 * exports, a scheduled cleanup) through rolling updates: plain Spring Boot beside zdt
	 * on its defaults with the manifests' grace period and with Kubernetes' default 30 s
	 * and nothing set, 3 runs each, 200 req/s, lag 2-5 s, 20 score events/s.
	 */
	private static int background(Arguments arguments) throws Exception {
		List<Scenario> scenarios = new ArrayList<>();
		for (String id : arguments.list("scenarios", String.join(",", Scenario.BOOT_DEFAULTS.id(),
				Scenario.ZDT_ADAPTIVE.id(), Scenario.ZDT_NOTHING_SET.id()))) {
			scenarios.add(Scenario.of(id));
		}
		RunSpec base = RunSpec.of(Scenario.ZDT_ADAPTIVE)
			.withRate(arguments.getDouble("rate", 200))
			.withLag(LagRange.parse(arguments.get("lag", "2-5")))
			.withSize(arguments.getInt("pods", 2), arguments.getInt("rollouts", 1))
			.withHealthCheck(healthCheck(arguments));
		Path out = Path.of(arguments.get("out", "results/background"));
		BackgroundBench bench = new BackgroundBench(image(), workDirectory().resolve("background-" + timestamp()), out,
				System.out::println);
		bench.run(base, scenarios, arguments.getInt("runs", 3), arguments.getDouble("events-per-second", 20),
				Duration.ofSeconds(arguments.getInt("settle-timeout", 300)),
				"./mvnw -q -pl :zdt-rollout-lab compile exec:exec -Dlab=\"" + String.join(" ", arguments.words())
						+ "\"");
		return 0;
	}

	private static int cost(Arguments arguments) throws Exception {
		RequestPathCost cost = new RequestPathCost(snapshot(Scenario.SAMPLE_APP),
				workDirectory().resolve("cost-" + timestamp()), System.out::println);
		String table = cost.run(arguments.getInt("forks", 3), arguments.getInt("runs", 4),
				Duration.ofSeconds(arguments.getInt("duration", 8)), arguments.getInt("starts", 5));
		Path out = Path.of(arguments.get("out", "results"));
		Files.createDirectories(out);
		Files.writeString(out.resolve("request-path-cost.md"), table);
		System.out.println(table);
		return 0;
	}

	private static int table(Arguments arguments) throws Exception {
		System.out.println(Benchmark.retable(Path.of(arguments.get("out", "results"))));
		return 0;
	}

	private static int holds(Arguments arguments) throws Exception {
		System.out.print(HoldTimes.table(Path.of(arguments.get("out", "results/shapes"))));
		return 0;
	}

	private static RunSpec spec(Arguments arguments, Scenario scenario) {
		RunSpec spec = RunSpec.of(scenario)
			.withRate(arguments.getDouble("rate", 600))
			.withLag(LagRange.parse(arguments.get("lag", "2-15")))
			.withSize(arguments.getInt("pods", 2), arguments.getInt("rollouts", 1))
			.withPath(arguments.get("path", RunSpec.of(scenario).path()))
			.withShape(arguments.get("shape", "steady"))
			.withLocust(arguments.has("locust"))
			.withHealthCheck(healthCheck(arguments))
			.withNodes(nodes(arguments, "1", "", ""));
		if (arguments.has("seed")) {
			spec = spec.withSeed(Long.parseLong(arguments.get("seed", "0")));
		}
		return spec;
	}

	private static LoadBalancerNodes nodes(Arguments arguments, String count, String split, String lags) {
		int nodes;
		try {
			nodes = Integer.parseInt(arguments.get("lb-nodes", count));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"--lb-nodes must be a whole number, was " + arguments.get("lb-nodes", ""));
		}
		boolean preset = nodes == Integer.parseInt(count);
		return LoadBalancerNodes.parse(nodes, arguments.get("node-split", preset ? split : ""),
				arguments.get("node-lag", preset ? lags : ""));
	}

	private static HealthCheck healthCheck(Arguments arguments) {
		HealthCheck checks = HealthCheck.defaults().withFall(arguments.getInt("unhealthy-after", 20));
		return switch (arguments.get("lb", "health-checks")) {
			case "health-checks" -> checks;
			case "until-deregistered" -> checks.untilDeregistered();
			default -> throw new IllegalArgumentException(
					"--lb must be health-checks or until-deregistered, was " + arguments.get("lb", ""));
		};
	}

	private static int help() {
		System.out.println("""
				zdt rollout lab: rolling updates of the sample app behind HAProxy under load.

				  run   [--scenario zdt-adaptive] [--rate 600] [--shape steady] [--lag 2-15] [--pods 2] [--rollouts 1]
				        [--seed N] [--path /api/work?ms=10] [--unhealthy-after 20] [--lb health-checks]
				        [--locust] [--svg FILE] [--lb-nodes 1] [--node-split 99:1] [--node-lag 0,6-10]
				  bench [quick|full|shapes|nodes] [--runs N] [--scenarios boot-defaults,prestop-sleep-10,...]
				        [--shapes steady] [--rates 600,3] [--lags 2-5,11-15] [--lb health-checks] [--out results]
				        quick: 1 run per cell at 600 req/s (12 runs); full: 3 runs per cell at 600 and 3 req/s (72 runs)
				        shapes: 3 runs per cell of bursty, page-loads, pollers, lag 11-15 s, --lb until-deregistered
				        (54 runs, into results/shapes)
				        nodes: zdt-adaptive and zdt-aws, steady and bursty, 644 req/s over 2 LB nodes split 160:1,
				        the second stopping 5-10 s after draining, lag 3-6 s, --lb until-deregistered (12 runs,
				        into results/nodes, with holds.md: hold times after the last LB node let go)

				  bench background [--runs 3] [--scenarios boot-defaults,zdt-adaptive] [--rate 200] [--lag 2-5]
				        [--events-per-second 20] [--settle-timeout 300] [--out results/background]
				        the sample app with its background work (a Kafka broker in the lab, score events, @Async
				        exports, a scheduled cleanup): export jobs lost, cleanup runs cut, events lost / processed twice

				--lb-nodes N: N HAProxy nodes, node k reaching the pods from 127.0.0.(k+1); --node-split the
				        shares of the requests (99:1; default even); --node-lag when each node stops routing
				        after the target turned draining, in seconds (0,6-10; default 0 for all)

				shapes: steady (--rate req/s), bursty (1 s at --rate, 2 s silent), page-loads (10 users, 5-20
				        requests per page load, think 2-6 s), pollers (100 clients at once every 3 s)
				--lb:   health-checks (a failing target leaves after --unhealthy-after checks, 1 s apart) or
				        until-deregistered (only the controller's drain stops requests to a target, like a slow ALB)
				  cost  [--forks 3] [--runs 4] [--duration 8] [--starts 5] [--out results]
				  table [--out results]   benchmark.md's table again from benchmark-runs.csv
				  holds [--out results/shapes]   the zdt pods' hold times, read from the runs' logs

				scenarios: boot-defaults, prestop-sleep-N, zdt-fixed, zdt-adaptive, zdt-aws, zdt-sigterm, zdt-boot3,
				           zdt-webflux
				e.g. mvn -q -pl :zdt-rollout-lab compile exec:exec -Dlab="bench quick"
				""");
		return 0;
	}

	static PodImage image() {
		return image(Scenario.SAMPLE_APP);
	}

	private static PodImage image(String name) {
		return new PodImage() {

			@Override
			public PodTemplate template(List<String> jvmOptions, List<String> appArguments) {
				List<String> options = new ArrayList<>(JarPodTemplate.LEAN_JVM);
				options.addAll(jvmOptions);
				return new JarPodTemplate(snapshot(name), List.copyOf(options), appArguments);
			}

			@Override
			public PodImage named(String other) {
				return other.equals(name) ? this : image(other);
			}

		};
	}

	/**
	 * Copy the image's jar for the pods of this process: a {@code mvn install} of the
	 * sample app while pods run rewrites the jar under them and breaks their class
	 * loading.
	 */
	static synchronized Path snapshot(String image) {
		try {
			Path copy = workDirectory().resolve("jars").resolve(image + "-" + ProcessHandle.current().pid() + ".jar");
			if (!Files.exists(copy)) {
				Files.createDirectories(copy.getParent());
				Path partial = copy.resolveSibling(copy.getFileName() + ".part");
				Files.copy(appJar(image), partial, StandardCopyOption.REPLACE_EXISTING);
				Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Copying the jar of " + image + " failed", ex);
		}
	}

	/**
	 * The executable jar of an image: {@code -Dzdt.lab.app-jar} for the sample app,
	 * {@code -Dzdt.lab.app-jar.<image>} for the others (the Maven build sets both), else
	 * the one {@code mvn install} put into the local repository.
	 */
	static Path appJar(String image) {
		String property = image.equals(Scenario.SAMPLE_APP) ? "zdt.lab.app-jar" : "zdt.lab.app-jar." + image;
		String configured = System.getProperty(property, "");
		if (!configured.isEmpty() && !configured.startsWith("${") && Files.isRegularFile(Path.of(configured))) {
			return Path.of(configured);
		}
		Path local = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "zdt", image,
				"0.1.0-SNAPSHOT", image + "-0.1.0-SNAPSHOT-exec.jar");
		if (Files.isRegularFile(local)) {
			return local;
		}
		throw new IllegalStateException("Jar of " + image + " not found: build it (mvn install) or set -D" + property);
	}

	static Path workDirectory() throws IOException {
		Path directory = Path.of(System.getProperty("zdt.lab.work", "target/lab"));
		Files.createDirectories(directory);
		return directory;
	}

	private static String timestamp() {
		return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
	}

}
