package dev.zdt.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

import dev.zdt.lab.pod.PodImage;
import dev.zdt.lab.rollout.LabRun;
import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;
import dev.zdt.lab.rollout.Scenario;
import dev.zdt.lab.work.BackgroundWork;
import dev.zdt.lab.work.KafkaBroker;

/**
 * The background scenario's benchmark: the sample app with its background work (score
 * events from Kafka, export jobs on {@code @Async}, a scheduled cleanup) through rolling
 * updates under load, plain Spring Boot beside zdt on its defaults, runs alternating
 * between them so that a slow spell of the machine hits both. One broker (its own JVM)
 * serves every run; each run has topics and a consumer group of its own. After every run
 * {@code benchmark.md} and {@code benchmark-runs.csv} are rewritten.
 *
 * @author zdt
 */
public final class BackgroundBench {

	private final PodImage image;

	private final Path workDirectory;

	private final Path out;

	private final Consumer<String> progress;

	/**
	 * Create the benchmark.
	 * @param image what the pods run
	 * @param workDirectory where the runs' logs go
	 * @param out where the table and CSV go
	 * @param progress told of progress
	 */
	public BackgroundBench(PodImage image, Path workDirectory, Path out, Consumer<String> progress) {
		this.image = image;
		this.workDirectory = workDirectory;
		this.out = out;
		this.progress = progress;
	}

	/**
	 * Run every scenario {@code runs} times.
	 * @param base the run settings (rate, lags, pods, rollouts)
	 * @param scenarios the scenarios, e.g. {@link Scenario#BOOT_DEFAULTS} and
	 * {@link Scenario#ZDT_ADAPTIVE}
	 * @param runs runs per scenario
	 * @param eventsPerSecond score events per second
	 * @param settleTimeout how long a run waits for the consumer group to catch up
	 * @param command the command line, for the document
	 * @return the table
	 * @throws InterruptedException if interrupted
	 */
	public BackgroundTable run(RunSpec base, List<Scenario> scenarios, int runs, double eventsPerSecond,
			Duration settleTimeout, String command) throws InterruptedException {
		BackgroundTable table = new BackgroundTable();
		String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		String loadBefore = MachineFacts.loadAverage();
		int total = runs * scenarios.size();
		int index = 0;
		try (KafkaBroker broker = KafkaBroker.start(this.workDirectory.resolve("broker.log"))) {
			this.progress.accept("Kafka broker at " + broker.address());
			for (int run = 0; run < runs; run++) {
				for (Scenario scenario : scenarios) {
					index++;
					this.progress.accept("[%d/%d]".formatted(index, total));
					String runId = "%03d-%s".formatted(index, scenario.id());
					BackgroundWork work = new BackgroundWork(broker, runId, eventsPerSecond, settleTimeout,
							this.progress);
					RunResult result = new LabRun(this.image, this.workDirectory.resolve(runId), this.progress, work)
						.execute(base.withScenario(scenario).withSeed(Benchmark.seed(run)));
					table.add(BackgroundRun.of(result, work.tally()));
					write("benchmark.md", document(table, base, eventsPerSecond, settleTimeout, runs, index, total,
							started, loadBefore, command));
					write("benchmark-runs.csv", table.csv());
				}
			}
		}
		this.progress.accept(table.markdown());
		return table;
	}

	private String document(BackgroundTable table, RunSpec base, double eventsPerSecond, Duration settleTimeout,
			int runs, int done, int total, String started, String loadBefore, String command) {
		return """
				# Rolling updates with background work: plain Spring Boot vs zdt

				%d of %d runs done (%d per row, each run's value in every column, runs alternating between the rows),
				started %s on commit %s; load average (1, 5, 15 min) %s at the start, %s now, %d cores.
				Command: `%s`

				Each run: %d pods of the sample app behind HAProxy, %d rolling update(s) (maxSurge 1, maxUnavailable 0),
				open-loop load `GET %s` at %s req/s, deregistration lag drawn from %s (the same draws for both rows of a
				run index). The pods run the sample app's background work: a `@KafkaListener` (200 ms per score event,
				writes one record per event to a processed topic before its offset is committed) on a topic of 3
				partitions of a Kafka broker in the lab (spring-kafka-test's embedded KRaft broker, its own JVM), an
				export job on `@Async` (2 s, `POST /api/exports` through the load balancer every second) and a
				`@Scheduled` cleanup (every 5 s, 3 s per run). From the start of the rollout until every old pod has
				exited, score events are produced at %s/s; then the run waits until the consumer group has committed
				every event (lag 0, at most %d s) and counts: export jobs accepted (202) whose file never appeared =
				lost; cleanup runs that started in an old pod's log and never finished = cut; events never in the
				processed topic = lost, in it more than once = processed twice. Failed requests = LB 5xx + client errors
				of the HTTP load. Logs of every run: `%s`.

				%s
				""".formatted(done, total, runs, started, MachineFacts.commit(), loadBefore, MachineFacts.loadAverage(),
				Runtime.getRuntime().availableProcessors(), command, base.pods(), base.rollouts(), base.path(),
				base.trafficLabel(), base.lag().label(), eventsPerSecond, settleTimeout.toSeconds(), this.workDirectory,
				table.markdown());
	}

	private void write(String name, String content) {
		try {
			Files.createDirectories(this.out);
			Files.writeString(this.out.resolve(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
