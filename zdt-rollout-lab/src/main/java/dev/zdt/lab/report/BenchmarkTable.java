package dev.zdt.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;

/**
 * The benchmark table: one row per scenario, traffic and lag range; medians over the runs of each cell.
 *
 * @author zdt
 */
public final class BenchmarkTable {

	private final Map<String, List<RunResult>> cells = new LinkedHashMap<>();

	/**
	 * Add a run to its cell.
	 * @param result the run
	 */
	public void add(RunResult result) {
		this.cells.computeIfAbsent(key(result.spec()), (key) -> new ArrayList<>()).add(result);
	}

	private static String key(RunSpec spec) {
		return spec.scenario().id() + "|" + spec.rate() + "|" + spec.lag();
	}

	/**
	 * Render the table as markdown.
	 * @return the markdown table
	 */
	public String markdown() {
		StringBuilder table = new StringBuilder();
		table.append("| Scenario | Traffic | Lag | Runs | LB 5xx | Client errors | Requests | Failed | Termination median | Termination max | Rollout | SIGKILL |\n");
		table.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (List<RunResult> runs : this.cells.values()) {
			RunSpec spec = runs.get(0).spec();
			long serverErrors = medianOf(runs, (r) -> r.load().serverErrors());
			long clientErrors = medianOf(runs, (r) -> r.load().clientErrors());
			long requests = medianOf(runs, (r) -> r.load().completed());
			double failed = (requests != 0) ? 100.0 * (serverErrors + clientErrors) / requests : 0;
			long maxTermination = runs.stream().mapToLong((r) -> r.maxTermination().toMillis()).max().orElse(0);
			table.append("| %s | %s req/s | %s | %d | %d | %d | %d | %s | %s | %s | %s | %d |\n".formatted(
					spec.scenario().label(), rate(spec.rate()), spec.lag().label(), runs.size(), serverErrors, clientErrors,
					requests, String.format(Locale.ROOT, "%.2f %%", failed),
					seconds(medianOf(runs, (r) -> r.medianTermination().toMillis())), seconds(maxTermination),
					seconds(medianOf(runs, (r) -> r.medianRollout().toMillis())),
					runs.stream().mapToLong(RunResult::killed).sum()));
		}
		return table.toString();
	}

	/**
	 * Render every run as CSV.
	 * @return the CSV text
	 */
	public String csv() {
		StringBuilder csv = new StringBuilder(
				"scenario,rate,lag,seed,requests,lb5xx,client_errors,status_counts,client_error_counts,termination_median_s,termination_max_s,rollout_s,sigkill,lags_s,haproxy_errors,directory\n");
		for (List<RunResult> runs : this.cells.values()) {
			for (RunResult r : runs) {
				csv.append(String.join(",", r.spec().scenario().id(), rate(r.spec().rate()), r.spec().lag().label(),
						String.valueOf(r.spec().seed()), String.valueOf(r.load().completed()),
						String.valueOf(r.load().serverErrors()), String.valueOf(r.load().clientErrors()),
						quote(r.load().statusCounts().toString()), quote(r.load().clientErrorCounts().toString()),
						seconds(r.medianTermination().toMillis()), seconds(r.maxTermination().toMillis()),
						seconds(r.medianRollout().toMillis()), String.valueOf(r.killed()), quote(lags(r)),
						quote(r.loadBalancerErrors().toString()),
						quote(r.directory().toString())))
					.append('\n');
			}
		}
		return csv.toString();
	}

	private static String lags(RunResult result) {
		return result.terminations()
			.stream()
			.map((t) -> String.format(Locale.ROOT, "%.1f", t.lag().toMillis() / 1000.0))
			.collect(Collectors.joining(" "));
	}

	static long medianOf(List<RunResult> runs, ToLongFunction<RunResult> value) {
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

	private static String rate(double rate) {
		return (rate == Math.rint(rate)) ? String.valueOf((long) rate) : String.valueOf(rate);
	}

	private static String quote(String value) {
		return "\"" + value.replace("\"", "'") + "\"";
	}

}
