package dev.zdt.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.zdt.lab.lb.HealthCheck;
import dev.zdt.lab.pod.PodImage;
import dev.zdt.lab.rollout.LabRun;
import dev.zdt.lab.rollout.LagRange;
import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;
import dev.zdt.lab.rollout.Scenario;

/**
 * The benchmark matrix: scenarios × traffic × lag ranges, several runs each. After every
 * run the markdown table ({@code benchmark.md}), the per-run CSV
 * ({@code benchmark-runs.csv}) and the first run's timeline of each cell
 * ({@code timelines/*.svg}) are rewritten, so a long benchmark can be looked at while it
 * runs.
 *
 * @author zdt
 */
public final class Benchmark {

	private final PodImage image;

	private final Path workDirectory;

	private final Path out;

	private final Consumer<String> progress;

	/**
	 * Create a benchmark.
	 * @param image what the pods run
	 * @param workDirectory where the runs' logs go
	 * @param out where the table, CSV and timelines go
	 * @param progress told of progress
	 */
	public Benchmark(PodImage image, Path workDirectory, Path out, Consumer<String> progress) {
		this.image = image;
		this.workDirectory = workDirectory;
		this.out = out;
		this.progress = progress;
	}

	/**
	 * Run the matrix. The order interleaves scenarios within a run index, so slow drifts
	 * of the machine spread over all of them, and the scenarios of a run index face the
	 * same lags.
	 * @param base the run settings every cell starts from
	 * @param scenarios the scenarios
	 * @param shapes the traffic shapes' names
	 * @param rates the request rates
	 * @param lags the lag ranges
	 * @param runs runs per cell
	 * @return the table
	 * @throws InterruptedException if interrupted
	 */
	public BenchmarkTable run(RunSpec base, List<Scenario> scenarios, List<String> shapes, List<Double> rates,
			List<LagRange> lags, int runs) throws InterruptedException {
		BenchmarkTable table = new BenchmarkTable();
		int total = runs * shapes.size() * rates.size() * lags.size() * scenarios.size();
		int index = 0;
		String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		for (int run = 0; run < runs; run++) {
			for (String shape : shapes) {
				for (double rate : rates) {
					for (LagRange lag : lags) {
						for (Scenario scenario : scenarios) {
							index++;
							RunSpec spec = base.withScenario(scenario)
								.withRate(rate)
								.withShape(shape)
								.withLag(lag)
								.withSeed(seed(run));
							String cell = "%s-%s%s-%s".formatted(scenario.id(), shapeName(shape), rateName(rate),
									lagName(lag));
							this.progress.accept("[%d/%d]".formatted(index, total));
							RunResult result = new LabRun(this.image,
									this.workDirectory.resolve("%03d-%s".formatted(index, cell)), this.progress)
								.execute(spec);
							table.add(result);
							if (run == 0) {
								write(Path.of("timelines", cell + ".svg"), TimelineSvg.render(result));
							}
							write(Path.of("benchmark.md"), document(table, base, runs, index, total, started));
							write(Path.of("benchmark-runs.csv"), table.csv());
						}
					}
				}
			}
		}
		this.progress.accept(table.markdown());
		return table;
	}

	/**
	 * Render the table at the end of {@code benchmark.md} again from
	 * {@code benchmark-runs.csv}, with this version's columns.
	 * @param out the directory of both files
	 * @return the new table
	 * @throws IOException if a file cannot be read or written
	 */
	public static String retable(Path out) throws IOException {
		BenchmarkTable table = BenchmarkTable.fromCsv(Files.readString(out.resolve("benchmark-runs.csv")));
		Path markdown = out.resolve("benchmark.md");
		String document = Files.readString(markdown);
		int start = document.indexOf("| Scenario |");
		if (start < 0) {
			throw new IllegalStateException("No table in " + markdown);
		}
		String rendered = table.markdown();
		Files.writeString(markdown, document.substring(0, start) + rendered);
		return rendered;
	}

	private String document(BenchmarkTable table, RunSpec base, int runs, int done, int total, String started) {
		HealthCheck check = base.healthCheck();
		return """
				# Rolling updates under load: zdt vs Spring Boot defaults vs preStop sleep

				%d of %d runs done (%d per cell, medians; "Runs with failures" counts the runs that lost any request;
				"Termination max" is the largest of any run), started %s.
				Each run: %d pods of the sample app behind HAProxy, %d rolling update(s) (maxSurge 1, maxUnavailable 0),
				open-loop load `GET %s` over keep-alive connections (steady: a fixed rate), no retries.
				The load balancer controller drains a deleted pod's target after a lag drawn uniformly from the range
				(the same draws for every scenario of a run index, so scenarios are compared on the same lags).
				Health checks on the readiness URL every %d s, healthy after %d; %s.
				Termination = pod deletion until the process ended; rollout = start until every old pod ended
				and left the load balancer.%s Logs of every run: `%s`.

				%s
				""".formatted(done, total, runs, started, base.pods(), base.rollouts(), base.path(),
				check.interval().toSeconds(), check.rise(),
				check.routesUntilDeregistered()
						? "a serving target is never marked unhealthy: it gets requests until it is deregistered, like a slow ALB"
						: "unhealthy after %d (%d s, like an ALB)".formatted(check.fall(),
								check.unhealthyAfter().toSeconds()),
				nodes(base), this.workDirectory, table.markdown());
	}

	private static String nodes(RunSpec base) {
		if (!base.nodes().multiple()) {
			return "";
		}
		return "\n" + base.nodes().describe() + ": one HAProxy per node, node k reaching the pods from 127.0.0.(k+1),"
				+ " each request sent to a node with the split's probability; the target turns draining after the"
				+ " lag, each node stops routing its own extra lag later. `holds.md`: hold times after the last"
				+ " node let go.";
	}

	private void write(Path relative, String content) {
		try {
			Path file = this.out.resolve(relative);
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the seed of the lags for a run index: every scenario of a run index faces
	 * the same lags (a paired comparison), run indexes differ. Spread by the golden ratio
	 * because {@link java.util.Random} gives nearly the same first draw for small
	 * consecutive seeds.
	 * @param run the run index
	 * @return the seed
	 */
	static long seed(int run) {
		return 0x9E3779B97F4A7C15L * (run + 1);
	}

	private static String rateName(double rate) {
		return ((rate == Math.rint(rate)) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.1f", rate))
				+ "rps";
	}

	private static String shapeName(String shape) {
		return shape.equals("steady") ? "" : shape + "-";
	}

	private static String lagName(LagRange lag) {
		return "lag" + lag.min().toSeconds() + "-" + lag.max().toSeconds();
	}

}
