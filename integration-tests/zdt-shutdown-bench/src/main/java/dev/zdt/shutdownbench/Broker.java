package dev.zdt.shutdownbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The broker JVM ({@link BrokerMain}) and what the benchmark asks of it. */
final class Broker implements AutoCloseable {

	static final String ADDRESS_LINE = "BROKER ";

	private final Process process;

	private final String address;

	private Broker(Process process, String address) {
		this.process = process;
		this.address = address;
	}

	static Broker start(Path log) throws Exception {
		Process process = JavaProcesses.start(BrokerMain.class, List.of(), log);
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			Optional<String> address = Files.readAllLines(log)
				.stream()
				.filter((line) -> line.startsWith(ADDRESS_LINE))
				.map((line) -> line.substring(ADDRESS_LINE.length()).trim())
				.findFirst();
			if (address.isPresent()) {
				return new Broker(process, address.get());
			}
			Thread.sleep(200);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The broker did not start: see " + log);
	}

	String address() {
		return this.address;
	}

	void createTopic(String topic, int partitions) throws ExecutionException, InterruptedException {
		Properties config = new Properties();
		config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.address));
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
