package dev.zdt.lab.load;

import java.time.Duration;
import java.util.Map;

/**
 * What a load run saw, in total and per second of the lab clock.
 *
 * @param scheduled requests due by the fixed rate
 * @param completed requests that got an answer or failed
 * @param ok responses with a status below 500
 * @param statusCounts responses by status code
 * @param clientErrorCounts client-side failures by kind (connection reset, end of stream,
 * timeout, ...)
 * @param latencyP50 median latency, measured from the time the request was due
 * @param latencyP99 99th percentile latency
 * @param latencyMax maximum latency
 * @param timeline requests per second
 * @param nodes requests and failures by load balancer node, when the load went to several
 * (empty otherwise)
 * @author zdt
 */
public record LoadReport(long scheduled, long completed, long ok, Map<Integer, Long> statusCounts,
		Map<String, Long> clientErrorCounts, Duration latencyP50, Duration latencyP99, Duration latencyMax,
		Timeline timeline, Map<String, NodeLoad> nodes) {

	/**
	 * Create the report of load sent to a single load balancer node.
	 * @param scheduled requests due by the fixed rate
	 * @param completed requests that got an answer or failed
	 * @param ok responses with a status below 500
	 * @param statusCounts responses by status code
	 * @param clientErrorCounts client-side failures by kind
	 * @param latencyP50 median latency
	 * @param latencyP99 99th percentile latency
	 * @param latencyMax maximum latency
	 * @param timeline requests per second
	 */
	public LoadReport(long scheduled, long completed, long ok, Map<Integer, Long> statusCounts,
			Map<String, Long> clientErrorCounts, Duration latencyP50, Duration latencyP99, Duration latencyMax,
			Timeline timeline) {
		this(scheduled, completed, ok, statusCounts, clientErrorCounts, latencyP50, latencyP99, latencyMax, timeline,
				Map.of());
	}

	/**
	 * Return the number of responses with a status of 500 or more from the load balancer.
	 * @return the count of 5xx
	 */
	public long serverErrors() {
		return this.statusCounts.entrySet()
			.stream()
			.filter((e) -> e.getKey() >= 500)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/**
	 * Return the number of client-side failures.
	 * @return the count of client errors
	 */
	public long clientErrors() {
		return this.clientErrorCounts.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return the failed fraction of completed requests.
	 * @return failures divided by completed requests
	 */
	public double failureRatio() {
		return (this.completed != 0) ? (serverErrors() + clientErrors()) / (double) this.completed : 0;
	}

	/**
	 * Return a one-line summary.
	 * @return the summary
	 */
	public String summary() {
		return "requests=%d ok=%d 5xx=%d %s clientErrors=%d %s p50=%.1fms p99=%.1fms max=%.1fms%s".formatted(
				this.completed, this.ok, serverErrors(), this.statusCounts, clientErrors(), this.clientErrorCounts,
				this.latencyP50.toNanos() / 1e6, this.latencyP99.toNanos() / 1e6, this.latencyMax.toNanos() / 1e6,
				this.nodes.isEmpty() ? "" : " by LB node " + this.nodes);
	}

	/**
	 * Return the failed requests by load balancer node.
	 * @return e.g. {@code lb-node-1=0 lb-node-2=5}, or empty for a single node
	 */
	public String failedByNode() {
		StringBuilder failed = new StringBuilder();
		this.nodes.forEach((node,
				load) -> failed.append(failed.isEmpty() ? "" : " ").append(node).append('=').append(load.failed()));
		return failed.toString();
	}

}
