package dev.zdt.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.zdt.lab.rollout.RunResult;

/**
 * The benchmark table: one row per scenario, traffic and lag range; medians over the runs
 * of each cell, and how many of its runs lost any request (a median of zero errors can
 * hide one bad run).
 *
 * @author zdt
 */
public final class BenchmarkTable {

	private final Map<String, List<RunRow>> cells = new LinkedHashMap<>();

	/**
	 * Add a run to its cell.
	 * @param result the run
	 */
	public void add(RunResult result) {
		add(RunRow.of(result));
	}

	private void add(RunRow row) {
		this.cells.computeIfAbsent(row.cell(), (key) -> new ArrayList<>()).add(row);
	}

	/**
	 * Make the table again from the runs that {@link #csv()} wrote.
	 * @param csv the content of {@code benchmark-runs.csv}
	 * @return the table
	 */
	public static BenchmarkTable fromCsv(String csv) {
		BenchmarkTable table = new BenchmarkTable();
		csv.lines().skip(1).filter((line) -> !line.isBlank()).map(RunRow::parse).forEach(table::add);
		return table;
	}

	/**
	 * Render the table as markdown.
	 * @return the markdown table
	 */
	public String markdown() {
		boolean nodes = this.cells.values()
			.stream()
			.flatMap(List::stream)
			.anyMatch((run) -> !run.failedByNode().isEmpty());
		StringBuilder table = new StringBuilder();
		table.append(
				"| Scenario | Traffic | Lag | Runs | Runs with failures | LB 5xx | Client errors | Requests | Failed "
						+ "| Termination median | Termination max | Rollout | SIGKILL |"
						+ (nodes ? " Failed by LB node, each run |" : "") + "\n");
		table.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (nodes ? "---|" : "") + "\n");
		for (List<RunRow> runs : this.cells.values()) {
			RunRow first = runs.get(0);
			long serverErrors = medianOf(runs, RunRow::lbErrors);
			long clientErrors = medianOf(runs, RunRow::clientErrors);
			long requests = medianOf(runs, RunRow::requests);
			double failed = (requests != 0) ? 100.0 * (serverErrors + clientErrors) / requests : 0;
			long maxTermination = runs.stream().mapToLong(RunRow::terminationMaxMillis).max().orElse(0);
			table.append("| %s | %s | %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %d |".formatted(
					first.scenarioLabel(), first.traffic(), first.lag(), runs.size(),
					runs.stream().filter(RunRow::failed).count(), serverErrors, clientErrors, requests,
					String.format(Locale.ROOT, "%.2f %%", failed),
					seconds(medianOf(runs, RunRow::terminationMedianMillis)), seconds(maxTermination),
					seconds(medianOf(runs, RunRow::rolloutMillis)), runs.stream().mapToLong(RunRow::killed).sum()));
			if (nodes) {
				table.append(' ')
					.append(runs.stream().map(RunRow::failedByNode).collect(Collectors.joining("; ")))
					.append(" |");
			}
			table.append('\n');
		}
		return table.toString();
	}

	/**
	 * Render every run as CSV.
	 * @return the CSV text
	 */
	public String csv() {
		StringBuilder csv = new StringBuilder(RunRow.CSV_HEADER).append('\n');
		this.cells.values().forEach((runs) -> runs.forEach((run) -> csv.append(run.csv()).append('\n')));
		return csv.toString();
	}

	static long medianOf(List<RunRow> runs, ToLongFunction<RunRow> value) {
		long[] values = runs.stream().mapToLong(value).sorted().toArray();
		if (values.length == 0) {
			return 0;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
