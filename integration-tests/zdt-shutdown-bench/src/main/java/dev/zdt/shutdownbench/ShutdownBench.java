package dev.zdt.shutdownbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The whole-shutdown benchmark of issue 24. For each {@link Setup}, a number of runs: one
 * instance of the service consumes score events (20/s, 200 ms each), runs its scheduled
 * cleanup and takes an export job every 5 s; after 15 s it is stopped as kubelet stops a
 * pod (preStop call, SIGTERM, SIGKILL when the grace period runs out); then a second
 * instance of the same consumer group consumes the rest. Counts the export jobs lost, the
 * cleanup runs cut, the records lost and the records processed twice, with the time to
 * exit. Plain Spring Boot runs beside zdt in the same command. Arguments: {@code runs=N}
 * (3), {@code label=NAME} (the results file, {@code results/NAME.md}), {@code rows=1,2}
 * (a subset of the rows, 1-based).
 */
public final class ShutdownBench {

	private static final Pattern ASKED_GRACE = Pattern.compile("terminationGracePeriodSeconds to at least (\\d+)");

	private static final Duration WARM_UP = Duration.ofSeconds(15);

	private ShutdownBench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		String label = options.getOrDefault("label", "latest");
		List<Setup> setups = selected(options.get("rows"));
		Path directory = Path.of("target", "shutdown-bench");
		Files.createDirectories(directory);
		Map<Setup, List<RunResult>> results = new LinkedHashMap<>();
		try (Broker broker = Broker.start(directory.resolve("broker.log"))) {
			// Runs alternate between rows so that a slow spell of the machine hits all.
			for (int run = 1; run <= runs; run++) {
				for (Setup setup : setups) {
					RunResult result = run(broker, setup, run, directory);
					System.out.println(setup.label() + " #" + run + ": " + result);
					results.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(result);
				}
			}
		}
		String table = table(results);
		System.out.println(table);
		Path file = Path.of("results", label + ".md");
		Files.createDirectories(file.getParent());
		Files.writeString(file,
				"# Whole shutdown, " + label + " (" + Instant.now() + ", " + runs
						+ " runs per row)\n\nCommand: `./mvnw -pl :zdt-shutdown-bench compile exec:exec -Dbench=\"runs="
						+ runs + " label=" + label + "\"`\n\n" + table);
	}

	private static RunResult run(Broker broker, Setup setup, int run, Path directory) throws Exception {
		String topic = "scores-" + System.nanoTime();
		broker.createTopic(topic, 3);
		Map<String, String> properties = new HashMap<>(setup.properties());
		// As in a pod: Spring Boot detects Kubernetes from the service environment
		// variables.
		properties.put("spring.main.cloud-platform", "kubernetes");
		properties.put("spring.kafka.bootstrap-servers", broker.address());
		properties.put("bench.topic", topic);
		Path runDirectory = directory.resolve(topic);
		Files.createDirectories(runDirectory);
		try (Worker first = Worker.start(runDirectory, "first", properties);
				ScoreProducer producer = new ScoreProducer(broker.address(), topic, 20)) {
			ExportJobs jobs = new ExportJobs(first, Duration.ofSeconds(5));
			Thread.sleep(WARM_UP.toMillis());
			Duration grace = gracePeriod(setup, first.log());
			long start = System.nanoTime();
			if (setup.preStop()) {
				first.preStop(grace);
			}
			first.sigterm();
			boolean exited = first.exitsBefore(start + grace.toNanos());
			Duration exit = Duration.ofNanos(System.nanoTime() - start);
			jobs.stop();
			int produced = producer.stop();
			Map<String, String> second = new HashMap<>(properties);
			second.put("zdt.enabled", "false");
			second.put("bench.record-time", "0ms");
			try (Worker rest = Worker.start(runDirectory, "second", second)) {
				awaitAllProcessed(produced, first.journal(), rest.journal());
			}
			Journals journals = Journals.read(first.journal(), runDirectory.resolve("second.journal"));
			return new RunResult(journals.jobsLost(), journals.runsCut(), journals.recordsLost(produced),
					journals.recordsTwice(), produced, exit, !exited, grace);
		}
	}

	private static Duration gracePeriod(Setup setup, Path log) throws IOException {
		if (setup.graceFromStartupCheck()) {
			Matcher asked = ASKED_GRACE.matcher(Files.readString(log));
			if (asked.find()) {
				return Duration.ofSeconds(Long.parseLong(asked.group(1)));
			}
		}
		return setup.gracePeriod();
	}

	private static void awaitAllProcessed(int produced, Path... journals) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			Set<String> processed = Journals.records(journals);
			if (processed.size() >= produced) {
				return;
			}
			Thread.sleep(500);
		}
	}

	private static String table(Map<Setup, List<RunResult>> results) {
		StringBuilder table = new StringBuilder(
				"| setup | runs | `@Async` jobs lost | cleanup runs cut | records lost | records processed twice | records produced | exit | grace | SIGKILL |\n"
						+ "|---|---|---|---|---|---|---|---|---|---|\n");
		results.forEach((setup, runs) -> table.append("| ")
			.append(setup.label())
			.append(" | ")
			.append(runs.size())
			.append(" | ")
			.append(join(runs, (run) -> Long.toString(run.jobsLost())))
			.append(" | ")
			.append(join(runs, (run) -> Long.toString(run.runsCut())))
			.append(" | ")
			.append(join(runs, (run) -> Long.toString(run.recordsLost())))
			.append(" | ")
			.append(join(runs, (run) -> Long.toString(run.recordsTwice())))
			.append(" | ")
			.append(join(runs, (run) -> Integer.toString(run.produced())))
			.append(" | ")
			.append(join(runs, (run) -> String.format("%.1f s", run.exit().toMillis() / 1000.0)))
			.append(" | ")
			.append(join(runs, (run) -> run.grace().toSeconds() + " s"))
			.append(" | ")
			.append(join(runs, (run) -> run.killed() ? "yes" : "no"))
			.append(" |\n"));
		return table.toString();
	}

	private static String join(List<RunResult> runs, Function<RunResult, String> column) {
		return runs.stream().map(column).collect(Collectors.joining(", "));
	}

	private static List<Setup> selected(String rows) {
		List<Setup> all = Setup.all();
		if (rows == null) {
			return all;
		}
		List<Setup> selected = new ArrayList<>();
		for (String row : rows.split(",")) {
			selected.add(all.get(Integer.parseInt(row.trim()) - 1));
		}
		return selected;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("Expected name=value, got '" + arg + "'");
			}
			options.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		return options;
	}

	/**
	 * What one run counted.
	 *
	 * @param jobsLost export jobs accepted and never finished
	 * @param runsCut cleanup runs started and never ended
	 * @param recordsLost records produced and never processed
	 * @param recordsTwice processings beyond the first
	 * @param produced records the broker acknowledged
	 * @param exit from the preStop call or SIGTERM to the exit
	 * @param killed whether the grace period ran out
	 * @param grace the grace period
	 */
	record RunResult(long jobsLost, long runsCut, long recordsLost, long recordsTwice, int produced, Duration exit,
			boolean killed, Duration grace) {
	}

}
