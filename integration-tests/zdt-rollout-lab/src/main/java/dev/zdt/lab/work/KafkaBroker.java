package dev.zdt.lab.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker JVM ({@link BrokerMain}) and what the lab asks of it: topics, and how far a
 * consumer group is behind.
 *
 * @author zdt
 */
public final class KafkaBroker implements AutoCloseable {

	static final String ADDRESS_LINE = "BROKER ";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final Process process;

	private final String address;

	private final Admin admin;

	private KafkaBroker(Process process, String address) {
		this.process = process;
		this.address = address;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address));
	}

	/**
	 * Start the broker in a JVM of its own, on this JVM's class path, and wait until it
	 * serves.
	 * @param log where the broker's output goes
	 * @return the broker
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static KafkaBroker start(Path log) throws InterruptedException {
		Process process = startJvm(log);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			Optional<String> address = address(log);
			if (address.isPresent()) {
				return new KafkaBroker(process, address.get());
			}
			Thread.sleep(200);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The Kafka broker did not start within " + START_TIMEOUT + ": see " + log);
	}

	private static Process startJvm(Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(BrokerMain.class.getName());
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Kafka broker's JVM", ex);
		}
	}

	private static Optional<String> address(Path log) {
		try {
			return Files.readAllLines(log)
				.stream()
				.filter((line) -> line.startsWith(ADDRESS_LINE))
				.map((line) -> line.substring(ADDRESS_LINE.length()).trim())
				.findFirst();
		}
		catch (IOException | UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Return the bootstrap servers.
	 * @return e.g. {@code 127.0.0.1:41234}
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Create a topic.
	 * @param topic its name
	 * @param partitions its partitions
	 * @throws InterruptedException if interrupted
	 */
	public void createTopic(String topic, int partitions) throws InterruptedException {
		try {
			this.admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Creating topic " + topic + " failed", ex.getCause());
		}
	}

	/**
	 * Return how many records of a topic a consumer group has not committed yet: the sum
	 * over its partitions of the end offset less the committed one (0 where none is
	 * committed).
	 * @param group the consumer group
	 * @param topic the topic
	 * @param partitions the topic's partitions
	 * @return the lag
	 * @throws InterruptedException if interrupted
	 */
	public long lag(String group, String topic, int partitions) throws InterruptedException {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < partitions; partition++) {
				latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
			long lag = 0;
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : this.admin.listOffsets(latest)
				.all()
				.get()
				.entrySet()) {
				OffsetAndMetadata offset = committed.get(end.getKey());
				lag += end.getValue().offset() - ((offset != null) ? offset.offset() : 0);
			}
			return lag;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Reading the lag of group " + group + " failed", ex.getCause());
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
		this.process.destroyForcibly();
	}

}
