package dev.zdt.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The background scenario's table: one row per scenario, each run's value in every column
 * (a few runs per row, so no medians that could hide one bad run).
 *
 * @author zdt
 */
public final class BackgroundTable {

	private final Map<String, List<BackgroundRun>> rows = new LinkedHashMap<>();

	/**
	 * Add a run to its scenario's row.
	 * @param run the run
	 */
	public void add(BackgroundRun run) {
		this.rows.computeIfAbsent(run.scenario(), (key) -> new ArrayList<>()).add(run);
	}

	/**
	 * Render the table as markdown.
	 * @return the markdown table
	 */
	public String markdown() {
		StringBuilder table = new StringBuilder(
				"| Scenario | Runs | Requests | Failed requests | Export jobs accepted | Export jobs lost "
						+ "| Cleanup runs (old pods) | Cleanup runs cut | Score events produced | Score events lost "
						+ "| Score events processed twice | Lag when counted | Termination (each old pod) | SIGKILL |\n"
						+ "|---|---:|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (List<BackgroundRun> runs : this.rows.values()) {
			table.append("| ")
				.append(runs.get(0).label())
				.append(" | ")
				.append(runs.size())
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.requests())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.failedRequests())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().exportsAccepted())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().exportsLost())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().cleanupRuns())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().cleanupCut())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().eventsProduced())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().eventsLost())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().eventsTwice())))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.tally().lagAtCount())))
				.append(" | ")
				.append(runs.stream().map(BackgroundRun::terminations).collect(Collectors.joining("; ")))
				.append(" | ")
				.append(join(runs, (run) -> String.valueOf(run.killed())))
				.append(" |\n");
		}
		return table.toString();
	}

	/**
	 * Render every run as CSV.
	 * @return the CSV text
	 */
	public String csv() {
		StringBuilder csv = new StringBuilder(BackgroundRun.CSV_HEADER).append('\n');
		this.rows.values().forEach((runs) -> runs.forEach((run) -> csv.append(run.csv()).append('\n')));
		return csv.toString();
	}

	private static String join(List<BackgroundRun> runs, Function<BackgroundRun, String> column) {
		return runs.stream().map(column).collect(Collectors.joining(", "));
	}

}
