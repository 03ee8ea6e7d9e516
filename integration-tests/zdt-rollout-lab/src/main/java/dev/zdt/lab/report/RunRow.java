package dev.zdt.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.Scenario;

/**
 * One run as the benchmark records it: a line of {@code benchmark-runs.csv}, which is all
 * the table needs, so the table can be made again from the CSV.
 *
 * @param scenario the scenario's id
 * @param rate the traffic: the request rate of steady traffic, else the shape's label
 * @param lag the lag range's label
 * @param seed the seed of the lags
 * @param requests requests that completed
 * @param lbErrors 5xx responses of the load balancer
 * @param clientErrors requests that failed on the client side
 * @param statusCounts responses by status
 * @param clientErrorCounts client errors by kind
 * @param terminationMedianMillis median time from deletion to exit
 * @param terminationMaxMillis longest time from deletion to exit
 * @param rolloutMillis median rollout time
 * @param killed pods killed at the end of the grace period
 * @param lags the drawn lags, in seconds
 * @param loadBalancerErrors HAProxy's abnormal requests by status and termination state
 * @param directory logs of the run
 * @param failedByNode failed requests by load balancer node (e.g.
 * {@code lb-node-1=0 lb-node-2=5}), empty with a single node
 * @author zdt
 */
public record RunRow(String scenario, String rate, String lag, long seed, long requests, long lbErrors,
		long clientErrors, String statusCounts, String clientErrorCounts, long terminationMedianMillis,
		long terminationMaxMillis, long rolloutMillis, long killed, String lags, String loadBalancerErrors,
		String directory, String failedByNode) {

	static final String CSV_HEADER = "scenario,rate,lag,seed,requests,lb5xx,client_errors,status_counts,"
			+ "client_error_counts,termination_median_s,termination_max_s,rollout_s,sigkill,lags_s,haproxy_errors,directory,"
			+ "failed_by_lb_node";

	private static final int COLUMNS = 17;

	// benchmark-runs.csv written before the lab had several load balancer nodes
	private static final int COLUMNS_BEFORE_NODES = 16;

	static RunRow of(RunResult result) {
		return new RunRow(result.spec().scenario().id(), result.spec().trafficLabel(), result.spec().lagLabel(),
				result.spec().seed(), result.load().completed(), result.load().serverErrors(),
				result.load().clientErrors(), result.load().statusCounts().toString(),
				result.load().clientErrorCounts().toString(), result.medianTermination().toMillis(),
				result.maxTermination().toMillis(), result.medianRollout().toMillis(), result.killed(),
				result.terminations()
					.stream()
					.map((t) -> String.format(Locale.ROOT, "%.1f", t.lag().toMillis() / 1000.0))
					.collect(Collectors.joining(" ")),
				result.loadBalancerErrors().toString(), result.directory().toString(), result.load().failedByNode());
	}

	/**
	 * Read a line that {@link #csv()} wrote.
	 * @param line the CSV line
	 * @return the run
	 */
	static RunRow parse(String line) {
		List<String> fields = fields(line);
		if (fields.size() != COLUMNS && fields.size() != COLUMNS_BEFORE_NODES) {
			throw new IllegalArgumentException(
					"Expected %d fields (%s), found %d in: %s".formatted(COLUMNS, CSV_HEADER, fields.size(), line));
		}
		return new RunRow(fields.get(0), fields.get(1), fields.get(2), Long.parseLong(fields.get(3)),
				Long.parseLong(fields.get(4)), Long.parseLong(fields.get(5)), Long.parseLong(fields.get(6)),
				fields.get(7), fields.get(8), millis(fields.get(9)), millis(fields.get(10)), millis(fields.get(11)),
				Long.parseLong(fields.get(12)), fields.get(13), fields.get(14), fields.get(15),
				(fields.size() > COLUMNS_BEFORE_NODES) ? fields.get(16) : "");
	}

	String csv() {
		return String.join(",", this.scenario, quote(this.rate), quote(this.lag), String.valueOf(this.seed),
				String.valueOf(this.requests), String.valueOf(this.lbErrors), String.valueOf(this.clientErrors),
				quote(this.statusCounts), quote(this.clientErrorCounts),
				BenchmarkTable.seconds(this.terminationMedianMillis), BenchmarkTable.seconds(this.terminationMaxMillis),
				BenchmarkTable.seconds(this.rolloutMillis), String.valueOf(this.killed), quote(this.lags),
				quote(this.loadBalancerErrors), quote(this.directory), quote(this.failedByNode));
	}

	String cell() {
		return this.scenario + "|" + this.rate + "|" + this.lag;
	}

	String scenarioLabel() {
		return Scenario.of(this.scenario).label();
	}

	String traffic() {
		return this.rate.matches("[0-9.]+") ? this.rate + " req/s" : this.rate;
	}

	boolean failed() {
		return this.lbErrors + this.clientErrors > 0;
	}

	private static long millis(String seconds) {
		return Math.round(Double.parseDouble(seconds.replace(" s", "")) * 1000);
	}

	private static String quote(String value) {
		return "\"" + value.replace("\"", "'") + "\"";
	}

	private static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

}
