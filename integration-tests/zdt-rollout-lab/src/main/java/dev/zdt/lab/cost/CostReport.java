package dev.zdt.lab.cost;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The cost benchmark's markdown: the table, the goals and whether they were met,
 * and every run.
 *
 * @author zdt
 */
final class CostReport {

	static final double THROUGHPUT_RATIO_GOAL = 0.99;

	static final double P99_DIFFERENCE_GOAL_MILLIS = 0.1;

	private static final ToDoubleFunction<WrkResult> P50 = (result) -> result.p50().toNanos() / 1e6;

	private static final ToDoubleFunction<WrkResult> P99 = (result) -> result.p99().toNanos() / 1e6;

	private final CostVariant with;

	private final CostVariant without;

	private final int forks;

	private final Duration duration;

	private final CpuPinning pinning;

	CostReport(CostVariant with, CostVariant without, int forks, Duration duration, CpuPinning pinning) {
		this.with = with;
		this.without = without;
		this.forks = forks;
		this.duration = duration;
		this.pinning = pinning;
	}

	double ratioOfMedians() {
		return this.with.medianRequestsPerSecond() / this.without.medianRequestsPerSecond();
	}

	double medianOfPairedRatios() {
		int pairs = Math.min(this.with.throughput().size(), this.without.throughput().size());
		double[] ratios = new double[pairs];
		for (int i = 0; i < pairs; i++) {
			ratios[i] = this.with.throughput().get(i).requestsPerSecond()
					/ this.without.throughput().get(i).requestsPerSecond();
		}
		return CostVariant.median(ratios);
	}

	double p99DifferenceMillis() {
		return difference(CostVariant::latency, P99);
	}

	boolean throughputGoalMet() {
		return Math.min(ratioOfMedians(), medianOfPairedRatios()) >= THROUGHPUT_RATIO_GOAL;
	}

	boolean latencyGoalMet() {
		return p99DifferenceMillis() <= P99_DIFFERENCE_GOAL_MILLIS;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Cost of the starter on the request path\n\n");
		md.append(String.format(Locale.ROOT,
				"""
						`GET /api/work?ms=0` of the sample app on loopback, with zdt (defaults) and without \
						(`--zdt.enabled=false`), both running at once, in %d fresh pairs of JVMs (forks). wrk runs take \
						turns (A B, B A, ...) so that drifts of the machine hit both alike: %d runs of %d s per variant \
						and load in all, after %d warm-up runs per fork; medians. Throughput: `wrk -t1 -c%d --latency`, \
						enough to saturate the app. Latency: `wrk -t1 -c1 --latency`, one request at a time, so the \
						percentiles show the request path and not queueing (at %d connections they mostly show queueing). During the wrk runs %s. Startup: %d alternating \
						unpinned starts each, Boot's "Started ... in X seconds".

						""",
				this.forks, this.with.throughput().size(), this.duration.toSeconds(), RequestPathCost.WARM_UP_ROUNDS,
				RequestPathCost.SATURATING_CONNECTIONS, RequestPathCost.SATURATING_CONNECTIONS, this.pinning.describe(),
				this.with.startups().size()));
		md.append(
				"| Variant | Requests/s (c%1$d) | p50 (c1) | p99 (c1) | p50 (c%1$d) | p99 (c%1$d) | Errors | Startup |\n"
					.formatted(RequestPathCost.SATURATING_CONNECTIONS));
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (CostVariant variant : List.of(this.with, this.without)) {
			md.append(String.format(Locale.ROOT,
					"| %s | %.0f | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %d | %.3f s |%n", variant.name(),
					variant.medianRequestsPerSecond(), CostVariant.median(variant.latency(), P50),
					CostVariant.median(variant.latency(), P99), CostVariant.median(variant.throughput(), P50),
					CostVariant.median(variant.throughput(), P99), variant.errors(), variant.medianStartup()));
		}
		md.append("\n| Goal | Measured | Met |\n|---|---|---|\n");
		md.append(String.format(Locale.ROOT,
				"| Throughput ratio (with / without) ≥ %.2f | %.3f (ratio of medians), "
						+ "%.3f (median of paired runs) | %s |%n",
				THROUGHPUT_RATIO_GOAL, ratioOfMedians(), medianOfPairedRatios(),
				throughputGoalMet() ? "yes" : "**no**"));
		md.append(String.format(Locale.ROOT, "| p99 within %.1f ms (one connection) | %+.3f ms | %s |%n",
				P99_DIFFERENCE_GOAL_MILLIS, p99DifferenceMillis(), latencyGoalMet() ? "yes" : "**no**"));
		md.append(String.format(Locale.ROOT,
				"%nAlso: p50 difference %+.3f ms (c1), %+.3f ms (c%d); p99 difference at c%d %+.3f ms; "
						+ "startup difference %+.3f s.%n",
				difference(CostVariant::latency, P50), difference(CostVariant::throughput, P50),
				RequestPathCost.SATURATING_CONNECTIONS, RequestPathCost.SATURATING_CONNECTIONS,
				difference(CostVariant::throughput, P99), this.with.medianStartup() - this.without.medianStartup()));
		md.append("\nEvery run (requests/s, p50 ms, p99 ms):\n\n");
		for (CostVariant variant : List.of(this.with, this.without)) {
			md.append("- ")
				.append(variant.name())
				.append(", c")
				.append(RequestPathCost.SATURATING_CONNECTIONS)
				.append(": ")
				.append(runs(variant.throughput()))
				.append('\n');
			md.append("- ").append(variant.name()).append(", c1: ").append(runs(variant.latency())).append('\n');
			md.append("- ").append(variant.name()).append(", startups (s): ").append(variant.startups()).append('\n');
		}
		return md.toString();
	}

	private double difference(Function<CostVariant, List<WrkResult>> load, ToDoubleFunction<WrkResult> percentile) {
		return CostVariant.median(load.apply(this.with), percentile)
				- CostVariant.median(load.apply(this.without), percentile);
	}

	private static String runs(List<WrkResult> results) {
		StringBuilder runs = new StringBuilder();
		for (WrkResult result : results) {
			runs.append(String.format(Locale.ROOT, "%.0f/%.3f/%.3f  ", result.requestsPerSecond(),
					P50.applyAsDouble(result), P99.applyAsDouble(result)));
		}
		return runs.toString().strip();
	}

}
