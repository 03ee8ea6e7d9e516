package dev.zdt.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.zdt.lab.rollout.Scenario;

/**
 * The holds of a benchmark's zdt pods, read from the logs each run kept: how long each
 * hold lasted, how long after the load balancer let go of the pod it ended, and the rule
 * that released it. The lab's load balancer lets go when the controller deregisters the
 * target, a lag after the pod's deletion; the drain starts at the deletion (preStop), so
 * "held minus lag" is how long the pod kept serving after the load balancer stopped
 * sending. With several load balancer nodes the lag is the last node's: a hold is only
 * safe once every node let go.
 *
 * @author zdt
 */
public final class HoldTimes {

	private static final Pattern HOLD_ENDED = Pattern.compile("zdt: hold ended \\(reason=([\\w-]+), held=([0-9.]+)s");

	private static final Pattern POD_LAG = Pattern.compile(
			"^\\s+(pod-\\d+): exited .*, lag ([0-9.]+) s(?:, last LB node let go after ([0-9.]+) s)?\\)",
			Pattern.MULTILINE);

	private HoldTimes() {
	}

	/**
	 * One pod's hold.
	 *
	 * @param reason the rule that released it
	 * @param heldSeconds how long it lasted
	 * @param lagSeconds when the load balancer (its last node) let go, after the drain
	 * started
	 */
	record Hold(String reason, double heldSeconds, double lagSeconds) {

		double afterLetGo() {
			return this.heldSeconds - this.lagSeconds;
		}

	}

	/**
	 * Render the hold table of the zdt rows in {@code benchmark-runs.csv}.
	 * @param out the directory of {@code benchmark-runs.csv}
	 * @return the markdown table
	 * @throws IOException if a file cannot be read
	 */
	public static String table(Path out) throws IOException {
		Map<String, List<Hold>> holds = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(out.resolve("benchmark-runs.csv"));
		for (String line : lines.subList(1, lines.size())) {
			RunRow row = RunRow.parse(line);
			if (row.scenario().startsWith("zdt")) {
				String cell = Scenario.of(row.scenario()).label() + " | " + row.rate() + " | " + row.lag();
				holds.computeIfAbsent(cell, (key) -> new ArrayList<>()).addAll(read(Path.of(row.directory())));
			}
		}
		return markdown(holds);
	}

	/**
	 * Read the holds of one run.
	 * @param run the run's log directory
	 * @return one hold per pod that logged one
	 * @throws IOException if a log cannot be read
	 */
	static List<Hold> read(Path run) throws IOException {
		List<Hold> holds = new ArrayList<>();
		Matcher pods = POD_LAG.matcher(Files.readString(run.resolve("summary.txt")));
		while (pods.find()) {
			Path log = run.resolve(pods.group(1) + ".log");
			Matcher hold = HOLD_ENDED.matcher(Files.exists(log) ? Files.readString(log) : "");
			if (hold.find()) {
				String letGo = (pods.group(3) != null) ? pods.group(3) : pods.group(2);
				holds.add(new Hold(hold.group(1), Double.parseDouble(hold.group(2)), Double.parseDouble(letGo)));
			}
		}
		return holds;
	}

	static String markdown(Map<String, List<Hold>> cells) {
		StringBuilder table = new StringBuilder();
		table.append("| Scenario | Traffic | Lag | Holds | Held, median (min–max) "
				+ "| Ended after the LB let go, median (min–max) | Released by |\n");
		table.append("|---|---|---|---:|---:|---:|---|\n");
		cells.forEach((cell,
				holds) -> table.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", cell, holds.size(),
						spread(holds.stream().map(Hold::heldSeconds).toList()),
						spread(holds.stream().map(Hold::afterLetGo).toList()), reasons(holds))));
		return table.toString();
	}

	private static String spread(List<Double> values) {
		if (values.isEmpty()) {
			return "–";
		}
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return String.format(Locale.ROOT, "%.1f s (%.1f–%.1f)", median, sorted.get(0), sorted.get(n - 1));
	}

	private static String reasons(List<Hold> holds) {
		Map<String, Long> counts = new TreeMap<>(
				holds.stream().collect(Collectors.groupingBy(Hold::reason, Collectors.counting())));
		return counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

}
