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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zdt.lab.pod.JarPodTemplate;
import dev.zdt.lab.pod.Pod;

/**
 * The starter's cost: the sample app with zdt (defaults) and without
 * ({@code --zdt.enabled=false}), both running at once, {@code wrk} against
 * {@code /api/work?ms=0} on loopback taking turns (A B, B A, ...) so that drifts of the
 * machine hit both alike; medians. Two loads: 16 connections saturate the app
 * (throughput), one connection measures latency without queueing (at saturation on two
 * cores the percentiles measure the scheduler, not the request path). On a machine with
 * two or more CPUs the apps run pinned to the last CPU and wrk to the others, so that the
 * two never fight over a core: unpinned, runs of the same variant differ by 15 %, which
 * hides a 1 % cost. Then startup time, alternating unpinned starts, from Boot's
 * {@code Started ... in X seconds}.
 *
 * @author zdt
 */
public final class RequestPathCost {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([\\d.]+) seconds");

	private static final List<String> JVM = List.of("-Xmx512m");

	static final int SATURATING_CONNECTIONS = 16;

	static final int WARM_UP_ROUNDS = 4;

	private final Path jar;

	private final Path directory;

	private final Consumer<String> progress;

	private final CpuPinning pinning;

	/**
	 * Create the benchmark.
	 * @param jar the sample app's executable jar
	 * @param directory where logs go
	 * @param progress told of progress
	 */
	public RequestPathCost(Path jar, Path directory, Consumer<String> progress) {
		this(jar, directory, progress, CpuPinning.forThisMachine());
	}

	/**
	 * Create the benchmark.
	 * @param jar the sample app's executable jar
	 * @param directory where logs go
	 * @param progress told of progress
	 * @param pinning which CPUs the apps and wrk get
	 */
	public RequestPathCost(Path jar, Path directory, Consumer<String> progress, CpuPinning pinning) {
		this.jar = jar;
		this.directory = directory;
		this.progress = progress;
		this.pinning = pinning;
	}

	/**
	 * Run the benchmark.
	 * @param forks fresh pairs of JVMs: one JVM's JIT decisions can make it several per
	 * cent faster or slower than the next, so each pair is one sample of that too
	 * @param runs wrk runs per variant, load and fork, after {@value #WARM_UP_ROUNDS}
	 * warm-up runs each
	 * @param duration length of one wrk run
	 * @param starts startups per variant
	 * @return the markdown report
	 * @throws InterruptedException if interrupted
	 */
	public String run(int forks, int runs, Duration duration, int starts) throws InterruptedException {
		CostVariant with = new CostVariant("with zdt (defaults)", "with-zdt", List.of());
		CostVariant without = new CostVariant("without (--zdt.enabled=false)", "without-zdt",
				List.of("--zdt.enabled=false"));
		List<CostVariant> variants = List.of(with, without);
		for (int fork = 1; fork <= forks; fork++) {
			measureFork(fork, variants, runs, duration);
		}
		for (int i = 0; i < starts; i++) {
			for (int k = 0; k < variants.size(); k++) {
				CostVariant variant = variants.get((i % 2 == 0) ? k : variants.size() - 1 - k);
				double seconds = startup(variant, i);
				variant.startups().add(seconds);
				this.progress.accept("start %d %s: %.3f s".formatted(i + 1, variant.name(), seconds));
			}
		}
		return new CostReport(with, without, forks, duration, this.pinning).markdown();
	}

	private void measureFork(int fork, List<CostVariant> variants, int runs, Duration duration)
			throws InterruptedException {
		List<Pod> pods = new ArrayList<>();
		try {
			for (CostVariant variant : variants) {
				pods.add(Pod.start(variant.slug() + "-fork-" + fork, this.pinning.app(template(variant)),
						this.directory));
			}
			for (Pod pod : pods) {
				awaitReady(pod);
			}
			for (int i = 0; i < WARM_UP_ROUNDS; i++) {
				for (int v = 0; v < variants.size(); v++) {
					this.progress.accept("fork %d, warm-up %s: %s".formatted(fork, variants.get(v).name(),
							wrk(pods.get(v), SATURATING_CONNECTIONS, duration)));
				}
			}
			for (int i = 0; i < runs; i++) {
				for (int connections : new int[] { SATURATING_CONNECTIONS, 1 }) {
					for (int k = 0; k < variants.size(); k++) {
						int v = ((i + fork) % 2 == 0) ? k : variants.size() - 1 - k;
						WrkResult result = wrk(pods.get(v), connections, duration);
						CostVariant variant = variants.get(v);
						((connections == 1) ? variant.latency() : variant.throughput()).add(result);
						this.progress.accept("fork %d, run %d, %d connection(s), %s: %s".formatted(fork, i + 1,
								connections, variant.name(), result));
					}
				}
			}
		}
		finally {
			pods.forEach(Pod::destroy);
		}
	}

	private JarPodTemplate template(CostVariant variant) {
		return new JarPodTemplate(this.jar, JVM, variant.arguments());
	}

	private WrkResult wrk(Pod pod, int connections, Duration duration) throws InterruptedException {
		List<String> command = this.pinning.loadGenerator(List.of("wrk", "-t1", "-c" + connections,
				"-d" + duration.toSeconds() + "s", "--latency", "http://127.0.0.1:" + pod.port() + "/api/work?ms=0"));
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

	private double startup(CostVariant variant, int index) throws InterruptedException {
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

}
