package dev.zdt.lab.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.SideWork;
import dev.zdt.lab.rollout.Termination;
import org.jspecify.annotations.Nullable;

/**
 * The sample app's background work in one lab run: its pods consume score events of a
 * topic of their own (a consumer group of their own) from the broker, export jobs go
 * through the load balancer, the cleanup runs every 5 s for 3 s. Score events are
 * produced at a steady rate and exports requested from the start of the rollouts until
 * every old pod has exited; then the run waits until the consumer group has committed
 * everything (or a deadline) and counts, so that lost means lost.
 *
 * @author zdt
 */
public final class BackgroundWork implements SideWork {

	/**
	 * Partitions of the score-events topic.
	 */
	static final int PARTITIONS = 3;

	private static final Duration EXPORT_PERIOD = Duration.ofSeconds(1);

	private static final Duration EXPORTS_FINISH = Duration.ofSeconds(20);

	private final KafkaBroker broker;

	private final double eventsPerSecond;

	private final Duration settleTimeout;

	private final Consumer<String> progress;

	private final String topic;

	private final String processedTopic;

	private final String group;

	private @Nullable Path exportDirectory;

	private @Nullable ScoreEventProducer producer;

	private @Nullable ExportDriver exports;

	private List<String> produced = List.of();

	private ExportDriver.Requests requests = new ExportDriver.Requests(List.of(), List.of());

	private @Nullable BackgroundTally tally;

	/**
	 * Create the background work of one run, with topics and a consumer group of its own.
	 * @param broker the broker
	 * @param runId a name unique to the run (letters, digits, dashes)
	 * @param eventsPerSecond score events produced per second
	 * @param settleTimeout how long to wait for the consumer group to catch up
	 * @param progress told of progress
	 * @throws InterruptedException if interrupted while creating the topics
	 */
	public BackgroundWork(KafkaBroker broker, String runId, double eventsPerSecond, Duration settleTimeout,
			Consumer<String> progress) throws InterruptedException {
		this.broker = broker;
		this.eventsPerSecond = eventsPerSecond;
		this.settleTimeout = settleTimeout;
		this.progress = progress;
		this.topic = "score-events-" + runId;
		this.processedTopic = "score-events-processed-" + runId;
		this.group = "leaderboard-" + runId;
		broker.createTopic(this.topic, PARTITIONS);
		broker.createTopic(this.processedTopic, PARTITIONS);
	}

	@Override
	public List<String> appArguments(Path runDirectory) {
		this.exportDirectory = runDirectory.toAbsolutePath().resolve("exports");
		return List.of("--sample.score-events.enabled=true",
				"--spring.kafka.bootstrap-servers=" + this.broker.address(),
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--sample.score-events.topic=" + this.topic,
				"--sample.score-events.processed-topic=" + this.processedTopic,
				"--sample.score-events.group=" + this.group, "--sample.exports.dir=" + this.exportDirectory,
				"--sample.cleanup.interval=5s", "--sample.cleanup.duration=3s");
	}

	@Override
	public void rolloutsStarting(int loadBalancerPort) {
		this.producer = new ScoreEventProducer(this.broker.address(), this.topic, this.eventsPerSecond);
		this.exports = new ExportDriver(loadBalancerPort, EXPORT_PERIOD);
		this.progress.accept("   background: score events at %s/s to %s, an export every %d s"
			.formatted(this.eventsPerSecond, this.topic, EXPORT_PERIOD.toSeconds()));
	}

	@Override
	public void rolloutsFinished() throws InterruptedException {
		if (this.producer != null) {
			this.produced = this.producer.stop();
		}
		if (this.exports != null) {
			this.requests = this.exports.stop();
		}
	}

	@Override
	public void settle(RunResult result) throws InterruptedException {
		long lag = awaitConsumed();
		awaitExports();
		List<String> logs = new ArrayList<>();
		for (Termination termination : result.terminations()) {
			logs.add(read(result.directory().resolve(termination.pod() + ".log")));
		}
		this.tally = BackgroundTally.count(this.produced,
				ProcessedTopic.read(this.broker.address(), this.processedTopic, PARTITIONS), this.requests,
				exportFiles(), logs, lag);
		this.progress.accept("   background: " + this.tally.summary());
		try {
			Files.writeString(result.directory().resolve("background.txt"),
					this.tally.summary() + "\n" + "export requests that failed: " + this.requests.failed() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return what the run counted.
	 * @return the tally
	 * @throws IllegalStateException if the run has not settled
	 */
	public BackgroundTally tally() {
		if (this.tally == null) {
			throw new IllegalStateException("The run of " + this.topic + " has not settled");
		}
		return this.tally;
	}

	private long awaitConsumed() throws InterruptedException {
		long deadline = System.nanoTime() + this.settleTimeout.toNanos();
		long lag = this.broker.lag(this.group, this.topic, PARTITIONS);
		long started = System.nanoTime();
		while (lag > 0 && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			lag = this.broker.lag(this.group, this.topic, PARTITIONS);
		}
		this.progress.accept("   background: consumer group lag %d after %.0f s of waiting".formatted(lag,
				(System.nanoTime() - started) / 1e9));
		return lag;
	}

	private void awaitExports() throws InterruptedException {
		long deadline = System.nanoTime() + EXPORTS_FINISH.toNanos();
		while (System.nanoTime() < deadline
				&& !exportFiles().containsAll(this.requests.accepted().stream().map((id) -> id + ".json").toList())) {
			Thread.sleep(500);
		}
	}

	private Set<String> exportFiles() {
		Set<String> names = new HashSet<>();
		if (this.exportDirectory == null || !Files.isDirectory(this.exportDirectory)) {
			return names;
		}
		try (Stream<Path> files = Files.list(this.exportDirectory)) {
			files.forEach((file) -> names.add(file.getFileName().toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
