package dev.zdt.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.web.DrainFilterBenchmark;
import dev.zdt.boot.web.reactive.DrainWebFilterBenchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the starter's filter adds to one application request, measured with JMH in several
 * forks, with one and with two request threads, printed as a table; and what that means
 * for throughput given the CPU time one request of the sample app takes.
 *
 * @author zdt
 */
public final class FilterCost {

	private static final int FORKS = 5;

	private FilterCost() {
	}

	/**
	 * Run the benchmark.
	 * @param args optional, in any order: {@code servlet} (the default:
	 * {@code DrainFilter}) or {@code webflux} ({@code DrainWebFilter}); the CPU time of
	 * one request of the app, in microseconds (default 45: one pinned core served at most
	 * 22,224 requests/s in the lab's {@code cost} runs; the faster the request, the
	 * larger the filter's share)
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		double requestCpuNanos = 45_000;
		Class<?> benchmark = DrainFilterBenchmark.class;
		for (String arg : args) {
			switch (arg) {
				case "servlet" -> benchmark = DrainFilterBenchmark.class;
				case "webflux" -> benchmark = DrainWebFilterBenchmark.class;
				default -> requestCpuNanos = Double.parseDouble(arg) * 1000;
			}
		}
		System.out.println("Filter: " + benchmark.getSimpleName());
		StringBuilder table = new StringBuilder();
		table.append(
				"| threads | without filter | with filter | filter adds (median of %d forks) | each fork | throughput ratio bound |%n"
					.formatted(FORKS));
		table.append("|---:|---:|---:|---:|---|---:|\n");
		for (int threads : new int[] { 1, 2 }) {
			Collection<RunResult> results = new Runner(new OptionsBuilder().include(benchmark.getName())
				.mode(Mode.AverageTime)
				.timeUnit(TimeUnit.NANOSECONDS)
				.forks(FORKS)
				.warmupIterations(5)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(5)
				.measurementTime(TimeValue.seconds(1))
				.threads(threads)
				.build()).run();
			double[] without = forkScores(results, "withoutFilter");
			double[] with = forkScores(results, "withFilter");
			double[] added = new double[FORKS];
			for (int i = 0; i < FORKS; i++) {
				added[i] = with[i] - without[i];
			}
			double medianAdded = median(added);
			table.append(String.format(Locale.ROOT, "| %d | %.1f ns | %.1f ns | %.1f ns | %s | %.4f |%n", threads,
					median(without), median(with), medianAdded, joined(added),
					requestCpuNanos / (requestCpuNanos + Math.max(0, medianAdded))));
		}
		System.out.println();
		System.out.println(table);
		System.out.printf(Locale.ROOT,
				"Throughput ratio bound: a request that takes %.0f µs of CPU without zdt takes that plus what the "
						+ "filter adds with it.%n",
				requestCpuNanos / 1000);
	}

	private static double[] forkScores(Collection<RunResult> results, String benchmark) {
		List<Double> scores = new ArrayList<>();
		for (RunResult result : results) {
			if (result.getParams().getBenchmark().endsWith("." + benchmark)) {
				for (BenchmarkResult fork : result.getBenchmarkResults()) {
					scores.add(fork.getPrimaryResult().getScore());
				}
			}
		}
		return scores.stream().mapToDouble(Double::doubleValue).toArray();
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String joined(double[] values) {
		StringBuilder joined = new StringBuilder();
		for (double value : values) {
			joined.append(String.format(Locale.ROOT, "%.1f ", value));
		}
		return joined.toString().strip();
	}

}
