package dev.zdt.lab.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One side of the cost comparison and what was measured of it.
 *
 * @param name shown in the report
 * @param slug names its log directories
 * @param arguments passed to the app
 * @param throughput wrk runs with saturating connections
 * @param latency wrk runs with one connection
 * @param startups seconds to start, as Boot reported them
 * @author zdt
 */
record CostVariant(String name, String slug, List<String> arguments, List<WrkResult> throughput,
		List<WrkResult> latency, List<Double> startups) {

	CostVariant(String name, String slug, List<String> arguments) {
		this(name, slug, arguments, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
	}

	double medianRequestsPerSecond() {
		return median(this.throughput, WrkResult::requestsPerSecond);
	}

	double medianStartup() {
		return median(this.startups.stream().mapToDouble(Double::doubleValue).toArray());
	}

	long errors() {
		return this.throughput.stream().mapToLong(WrkResult::errors).sum()
				+ this.latency.stream().mapToLong(WrkResult::errors).sum();
	}

	static double median(List<WrkResult> results, ToDoubleFunction<WrkResult> value) {
		return median(results.stream().mapToDouble(value).toArray());
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
