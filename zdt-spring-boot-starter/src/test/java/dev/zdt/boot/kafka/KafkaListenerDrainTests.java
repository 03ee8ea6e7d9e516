package dev.zdt.boot.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow {@code @KafkaListener} in a zdt application whose context closes as on SIGTERM,
 * against a real broker (spring-kafka-test's embedded KRaft broker) in the test JVM. The
 * instance is killed when its context has closed, as the JVM exits then (or kubelet's
 * SIGKILL ends it): whatever it had not committed by then is consumed again by the next
 * instance of the same group, which consumes the rest. Every record is counted by its
 * key, a sequence number.
 */
class KafkaListenerDrainTests {

	private static final Duration PROCESSING_TIME = Duration.ofMillis(50);

	private static final int BACKLOG = 300;

	private static final int SENT_DURING_DRAIN = 100;

	private static final AtomicInteger topics = new AtomicInteger();

	private static EmbeddedKafkaKraftBroker broker;

	private final RecordLedger ledger = new RecordLedger();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 2);
		// A group's first member need not wait for others: the tests start one at a time.
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@AfterEach
	void releaseKilledConsumers() {
		this.ledger.release();
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aRecordIsNeitherLostNorProcessedTwiceWhenTheListenerStopsAtTheDrainAndAnotherInstanceConsumesTheRest()
			throws Exception {
		String topic = newTopic();
		send(topic, 0, BACKLOG);
		ConfigurableApplicationContext app = start(topic, "zdt.drain.strategy=fixed", "zdt.drain.delay=3s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=3s", "spring.lifecycle.timeout-per-shutdown-phase=3s");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.processedCount() >= 5);
		DrainMoments drain = app.getBean(DrainMoments.class);
		CompletableFuture<Void> sending = CompletableFuture
			.runAsync(() -> sendSlowly(topic, BACKLOG, SENT_DURING_DRAIN));
		long closing = System.nanoTime();
		app.close();
		Duration closed = Duration.ofNanos(System.nanoTime() - closing);
		kill(topic);
		sending.get(30, TimeUnit.SECONDS);
		long afterHold = this.ledger.processedSince(drain.holdEndedAt());
		long afterDrainStarted = this.ledger.processedSince(drain.drainStartedAt());
		int sent = BACKLOG + SENT_DURING_DRAIN;
		consumeTheRest(topic);
		System.out.printf(
				"kafka drain: closed in %d ms, processed after the drain started %d, after the hold %d, "
						+ "lost %d, processed twice %d%n",
				closed.toMillis(), afterDrainStarted, afterHold, this.ledger.lost(sent).size(),
				this.ledger.duplicated().size());
		assertThat(this.ledger.lost(sent)).as("records lost").isEmpty();
		assertThat(this.ledger.duplicated()).as("records processed twice").isEmpty();
		assertThat(afterHold).as("records processed after the hold ended").isZero();
	}

	@Test
	void anotherInstanceOfTheGroupTakesOverThePartitionsDuringTheHold() throws Exception {
		String topic = newTopic();
		try (OtherInstance other = new OtherInstance(topic)) {
			ConfigurableApplicationContext app = start(topic, "zdt.drain.strategy=fixed", "zdt.drain.delay=5s",
					"zdt.drain.min-hold=0s", "zdt.drain.max-hold=5s", "spring.lifecycle.timeout-per-shutdown-phase=3s");
			MessageListenerContainer container = app.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("scores");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> other.assigned() == 1 && container.getAssignedPartitions().size() == 1);
			int partition = container.getAssignedPartitions().iterator().next().partition();
			send(topic, 0, BACKLOG);
			await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.processedCount() >= 5);
			DrainMoments drain = app.getBean(DrainMoments.class);
			app.close();
			this.ledger.kill();
			Long takenOver = other.firstRecordOf(partition);
			assertThat(takenOver).as("a record of the drained instance's partition processed by the other instance")
				.isNotNull();
			System.out.printf(
					"kafka takeover: the other instance processed the drained partition %d ms after the "
							+ "drain started (the hold lasted %d ms)%n",
					(takenOver - drain.drainStartedAt()) / 1_000_000,
					(drain.holdEndedAt() - drain.drainStartedAt()) / 1_000_000);
			assertThat(Duration.ofNanos(takenOver - drain.holdEndedAt()))
				.as("when the other instance processed the first of them, after the hold ended")
				.isNegative();
		}
	}

	@Test
	void aCancelledDrainStartsAgainTheListenerItStopped() throws Exception {
		String topic = newTopic();
		send(topic, 0, BACKLOG);
		ConfigurableApplicationContext app = start(topic, "zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.processedCount() >= 5);
		DrainCoordinator coordinator = app.getBean(DrainCoordinator.class);
		KafkaListenerParticipant participant = app.getBean(KafkaListenerParticipant.class);
		MessageListenerContainer container = app.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("scores");
		CompletableFuture<DrainResult> hold = coordinator.startDrain(DrainTrigger.API);
		await().atMost(Duration.ofSeconds(10)).until(() -> !container.isRunning());
		assertThat(participant.awaitFinished(Duration.ofSeconds(10))).isZero();
		int processedWhenStopped = this.ledger.processedCount();
		hold.get(10, TimeUnit.SECONDS);
		assertThat(this.ledger.processedCount()).as("records processed after the stop").isEqualTo(processedWhenStopped);
		assertThat(coordinator.cancel()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.processedCount() > processedWhenStopped + 5);
		assertThat(container.isRunning()).isTrue();
		assertThat(participant.inProgress()).isZero();
		assertThat(this.ledger.duplicated()).as("records processed twice").isEmpty();
	}

	/**
	 * Kills the instance, as the JVM's exit after the context has closed or kubelet's
	 * SIGKILL would: a consumer thread still at work neither finishes its record nor
	 * commits, and the group loses the member at once (its session would end later).
	 */
	private void kill(String topic) {
		this.ledger.kill();
		broker.doWithAdmin((admin) -> {
			try {
				admin.removeMembersFromConsumerGroup(topic + "-group", new RemoveMembersFromConsumerGroupOptions())
					.all()
					.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// No member left: the instance had stopped its consumer itself.
			}
		});
	}

	private ConfigurableApplicationContext start(String topic, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"test.kafka.brokers=" + broker.getBrokersAsString(),
				"spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "test.kafka.topic=" + topic,
				"test.kafka.group=" + topic + "-group",
				"test.kafka.processing-time=" + PROCESSING_TIME.toMillis() + "ms"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KafkaTestApplication.class)
			.properties(all.toArray(String[]::new))
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("recordLedger", this.ledger))
			.run();
		this.contexts.add(context);
		return context;
	}

	private static String newTopic() {
		String topic = "scores-" + topics.incrementAndGet();
		broker.addTopics(new NewTopic(topic, 2, (short) 1));
		return topic;
	}

	private static void send(String topic, int from, int count) {
		try (KafkaProducer<String, String> producer = producer()) {
			IntStream.range(from, from + count)
				.forEach((i) -> producer.send(new ProducerRecord<>(topic, Integer.toString(i), "score " + i)));
		}
	}

	private static void sendSlowly(String topic, int from, int count) {
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = from; i < from + count; i++) {
				producer.send(new ProducerRecord<>(topic, Integer.toString(i), "score " + i));
				producer.flush();
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	/**
	 * The next instance of the group: consumes from the committed offsets to the end of
	 * every partition, processing each record at once.
	 */
	private void consumeTheRest(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(topic),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					this.ledger.processed(record.key());
				}
				return consumer.assignment().size() == partitions.size() && partitions.stream()
					.allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
			});
			consumer.commitSync();
		}
	}

	private static Map<String, Object> consumerConfig(String topic) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-group");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return config;
	}

	/**
	 * Another instance of the group, running beside the application: it processes each
	 * record at once.
	 */
	private final class OtherInstance implements AutoCloseable {

		private final KafkaConsumer<String, String> consumer;

		private final Map<Integer, Long> firstRecordAt = new ConcurrentHashMap<>();

		private final AtomicInteger assigned = new AtomicInteger();

		private final CompletableFuture<Void> polling;

		private volatile boolean closed;

		OtherInstance(String topic) {
			Map<String, Object> config = consumerConfig(topic);
			// It notices the rebalance when the drained instance leaves within half a
			// second.
			config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
			this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
			this.consumer.subscribe(List.of(topic));
			this.polling = CompletableFuture.runAsync(this::poll);
		}

		private void poll() {
			while (!this.closed) {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.firstRecordAt.putIfAbsent(record.partition(), System.nanoTime());
					KafkaListenerDrainTests.this.ledger.processed(record.key());
				}
				this.consumer.commitSync();
				this.assigned.set(this.consumer.assignment().size());
			}
			this.consumer.close();
		}

		int assigned() {
			return this.assigned.get();
		}

		@Nullable Long firstRecordOf(int partition) {
			return this.firstRecordAt.get(partition);
		}

		@Override
		public void close() {
			this.closed = true;
			this.polling.orTimeout(30, TimeUnit.SECONDS).join();
		}

	}

}
