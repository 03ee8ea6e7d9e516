package dev.zdt.lab.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zdt.lab.pod.JarPodTemplate;
import dev.zdt.lab.pod.Pod;

/**
 * The starter's cost: the sample app with zdt (defaults) and without ({@code --zdt.enabled=false}), both
 * running at once, {@code wrk} against {@code /api/work?ms=0} on loopback taking turns (A B, B A, ...)
 * so that drifts of the machine hit both alike; medians. Then startup time, alternating starts, from
 * Boot's {@code Started ... in X seconds}.
 *
 * @author zdt
 */
public final class RequestPathCost {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([\\d.]+) seconds");

	private static final List<String> JVM = List.of("-Xmx512m");

	private final Path jar;

	private final Path directory;

	private final Consumer<String> progress;

	/**
	 * Create the benchmark.
	 * @param jar the sample app's executable jar
	 * @param directory where logs go
	 * @param progress told of progress
	 */
	public RequestPathCost(Path jar, Path directory, Consumer<String> progress) {
		this.jar = jar;
		this.directory = directory;
		this.progress = progress;
	}

	/**
	 * Run the benchmark.
	 * @param runs wrk runs per variant (after two warm-up runs each)
	 * @param duration length of one wrk run
	 * @param starts startups per variant
	 * @return the markdown report
	 * @throws InterruptedException if interrupted
	 */
	public String run(int runs, Duration duration, int starts) throws InterruptedException {
		List<Variant> variants = List.of(new Variant("with zdt (defaults)", List.of()),
				new Variant("without (--zdt.enabled=false)", List.of("--zdt.enabled=false")));
		List<Pod> pods = new ArrayList<>();
		try {
			for (Variant variant : variants) {
				pods.add(Pod.start(variant.slug(), template(variant), this.directory));
			}
			for (Pod pod : pods) {
				awaitReady(pod);
			}
			for (int i = 0; i < 2; i++) {
				for (int v = 0; v < variants.size(); v++) {
					this.progress.accept("warm-up " + variants.get(v).name + ": " + wrk(pods.get(v), duration));
				}
			}
			for (int i = 0; i < runs; i++) {
				for (int k = 0; k < variants.size(); k++) {
					int v = (i % 2 == 0) ? k : variants.size() - 1 - k;
					WrkResult result = wrk(pods.get(v), duration);
					variants.get(v).results.add(result);
					this.progress.accept("run %d %s: %s".formatted(i + 1, variants.get(v).name, result));
				}
			}
		}
		finally {
			pods.forEach(Pod::destroy);
		}
		for (int i = 0; i < starts; i++) {
			for (int k = 0; k < variants.size(); k++) {
				Variant variant = variants.get((i % 2 == 0) ? k : variants.size() - 1 - k);
				double seconds = startup(variant, i);
				variant.startups.add(seconds);
				this.progress.accept("start %d %s: %.3f s".formatted(i + 1, variant.name, seconds));
			}
		}
		return report(variants.get(0), variants.get(1), runs, duration, starts);
	}

	private JarPodTemplate template(Variant variant) {
		return new JarPodTemplate(this.jar, JVM, variant.arguments);
	}

	private WrkResult wrk(Pod pod, Duration duration) throws InterruptedException {
		List<String> command = List.of("wrk", "-t1", "-c16", "-d" + duration.toSeconds() + "s", "--latency",
				"http://127.0.0.1:" + pod.port() + "/api/work?ms=0");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return WrkResult.parse(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run wrk (apt-get install wrk)", ex);
		}
	}

	private double startup(Variant variant, int index) throws InterruptedException {
		Pod pod = Pod.start(variant.slug() + "-start-" + index, template(variant), this.directory);
		try {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (System.nanoTime() < deadline) {
				Matcher matcher = STARTED.matcher(pod.logText());
				if (matcher.find()) {
					return Double.parseDouble(matcher.group(1));
				}
				if (!pod.alive()) {
					break;
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
			throw new IllegalStateException("No 'Started ... in X seconds' from " + pod + ":\n" + pod.logText());
		}
		finally {
			pod.destroy();
		}
	}

	private void awaitReady(Pod pod) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + pod.managementPort() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			if (!pod.alive()) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		throw new IllegalStateException("Pod " + pod + " not ready:\n" + pod.logText());
	}

	private static String report(Variant with, Variant without, int runs, Duration duration, int starts) {
		double[] ratios = new double[runs];
		for (int i = 0; i < runs; i++) {
			ratios[i] = with.results.get(i).requestsPerSecond() / without.results.get(i).requestsPerSecond();
		}
		double ratioOfMedians = with.median(WrkResult::requestsPerSecond) / without.median(WrkResult::requestsPerSecond);
		StringBuilder report = new StringBuilder();
		report.append("# Cost of the starter on the request path\n\n");
		report.append(("`wrk -t1 -c16 -d%ds --latency` against `GET /api/work?ms=0` of the sample app on loopback, both "
				+ "variants running at once, %d alternating runs each after 2 warm-up runs each; medians. "
				+ "Startup: %d alternating starts each, Boot's \"Started ... in X seconds\".%n%n").formatted(
						duration.toSeconds(), runs, starts));
		report.append("| Variant | Requests/s | p50 | p99 | Errors | Startup |\n|---|---:|---:|---:|---:|---:|\n");
		for (Variant variant : List.of(with, without)) {
			report.append("| %s | %.0f | %.3f ms | %.3f ms | %d | %.3f s |%n".formatted(variant.name,
					variant.median(WrkResult::requestsPerSecond), variant.median((r) -> r.p50().toNanos() / 1e6),
					variant.median((r) -> r.p99().toNanos() / 1e6),
					variant.results.stream().mapToLong(WrkResult::errors).sum(), median(variant.startups)));
		}
		report.append(String.format(Locale.ROOT,
				"%nThroughput ratio (with / without): %.3f (ratio of medians), %.3f (median of paired runs). "
						+ "p99 difference: %+.3f ms. p50 difference: %+.3f ms. Startup difference: %+.3f s.%n",
				ratioOfMedians, median(ratios), with.median((r) -> r.p99().toNanos() / 1e6)
						- without.median((r) -> r.p99().toNanos() / 1e6),
				with.median((r) -> r.p50().toNanos() / 1e6) - without.median((r) -> r.p50().toNanos() / 1e6),
				median(with.startups) - median(without.startups)));
		report.append("\nEvery run (requests/s, p50 ms, p99 ms):\n\n");
		for (Variant variant : List.of(with, without)) {
			report.append("- ").append(variant.name).append(": ");
			variant.results.forEach((r) -> report.append(String.format(Locale.ROOT, "%.0f/%.3f/%.3f  ", r.requestsPerSecond(),
					r.p50().toNanos() / 1e6, r.p99().toNanos() / 1e6)));
			report.append("startups ").append(variant.startups).append('\n');
		}
		return report.toString();
	}

	static double median(List<Double> values) {
		return median(values.stream().mapToDouble(Double::doubleValue).toArray());
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return 0;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static final class Variant {

		private final String name;

		private final List<String> arguments;

		private final List<WrkResult> results = new ArrayList<>();

		private final List<Double> startups = new ArrayList<>();

		Variant(String name, List<String> arguments) {
			this.name = name;
			this.arguments = arguments;
		}

		String slug() {
			return this.arguments.isEmpty() ? "with-zdt" : "without-zdt";
		}

		double median(java.util.function.ToDoubleFunction<WrkResult> value) {
			return RequestPathCost.median(this.results.stream().mapToDouble(value).toArray());
		}

	}

}
