package dev.zdt.sample.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.zdt.sample.SampleAppRunner;
import dev.zdt.sample.scores.HighScore;
import dev.zdt.sample.scores.HighScores;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The score events consumer against a real broker, spring-kafka-test's embedded KRaft
 * broker in the test JVM, with the sample app started as {@code java -jar} starts it.
 */
class ScoreEventsTests {

	private static final int PARTITIONS = 3;

	private static final AtomicInteger topics = new AtomicInteger();

	private static EmbeddedKafkaKraftBroker broker;

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		// A group's first member need not wait for others: the tests start one at a time.
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@AfterEach
	void closeApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aScoreEventIsRecordedAndPassedOnUnderItsKeyWithThePodsName() {
		String topic = newTopic();
		ConfigurableApplicationContext app = start(topic, "pod-a", "10ms");
		send(topic, Map.of("event-1", "{\"player\":\"kafka-ada\",\"score\":4096}"));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(processed(topic)).containsExactly(Map.entry("event-1", "pod-a")));
		assertThat(app.getBean(HighScores.class).top(100)).contains(new HighScore(1, "kafka-ada", 4096));
	}

	@Test
	void aScoreEventThatCannotBeReadIsPassedOnAllTheSame() {
		String topic = newTopic();
		start(topic, "pod-a", "10ms");
		send(topic, Map.of("event-1", "not json"));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(processed(topic)).containsExactly(Map.entry("event-1", "pod-a")));
	}

	@Test
	void noScoreEventIsLostOrProcessedTwiceWhenTheAppStopsWhileProcessingAndAnotherTakesOver() {
		String topic = newTopic();
		int events = 60;
		send(topic, IntStream.range(0, events)
			.boxed()
			.collect(Collectors.toMap((i) -> "event-" + i, (i) -> "{\"player\":\"p" + i + "\",\"score\":" + i + "}")));
		ConfigurableApplicationContext first = start(topic, "pod-a", "100ms");
		await().atMost(Duration.ofSeconds(60)).until(() -> processed(topic).size() >= 5);

		MessageListenerContainer listener = first.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer(ScoreEventsListener.ID);
		first.close();
		assertThat(listener.isRunning()).as("the first app's listener running after its close").isFalse();
		start(topic, "pod-b", "10ms");
		await().atMost(Duration.ofSeconds(60)).until(() -> committedToTheEnd(topic));

		List<Map.Entry<String, String>> processed = processed(topic);
		Map<String, Long> times = processed.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
		long bySecond = processed.stream().filter((record) -> record.getValue().equals("pod-b")).count();
		System.out.printf("score events: %d sent, %d processed by pod-a, %d by pod-b, %d twice%n", events,
				processed.size() - bySecond, bySecond, times.values().stream().filter((count) -> count > 1).count());
		assertThat(times).as("times each event was processed").hasSize(events).allSatisfy((key, count) -> {
			assertThat(count).as(key).isOne();
		});
		// zdt stops the first app's listener after the record in hand, not after the
		// batch of its last poll: the rest of the batch is the second app's.
		assertThat(bySecond).as("events processed by the second app").isPositive();
	}

	private ConfigurableApplicationContext start(String topic, String podName, String processingTime) {
		ConfigurableApplicationContext app = SampleAppRunner.run("--sample.score-events.enabled=true",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--sample.score-events.topic=" + topic,
				"--sample.score-events.processed-topic=" + topic + "-processed",
				"--sample.score-events.group=" + topic + "-group",
				"--sample.score-events.processing-time=" + processingTime, "--HOSTNAME=" + podName,
				"--logging.level.org.apache.kafka=warn");
		this.apps.add(app);
		return app;
	}

	private static String newTopic() {
		String topic = "score-events-" + topics.incrementAndGet();
		broker.addTopics(new NewTopic(topic, PARTITIONS, (short) 1), new NewTopic(topic + "-processed", 1, (short) 1));
		return topic;
	}

	private static void send(String topic, Map<String, String> events) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
				new StringSerializer())) {
			events.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
		}
	}

	/** The records of the processed topic, in order. */
	private static List<Map.Entry<String, String>> processed(String topic) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(topic + "-processed", 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			List<Map.Entry<String, String>> records = new ArrayList<>();
			while (consumer.position(partition) < end) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					records.add(Map.entry(record.key(), record.value()));
				}
			}
			return records;
		}
	}

	/**
	 * Whether the group has committed every event: the listener commits an offset after
	 * the processed record is acknowledged, so all output is in by then.
	 */
	private static boolean committedToTheEnd(String topic) {
		return broker.doWithAdminFunction((admin) -> {
			try {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topic + "-group")
					.partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS)
					.boxed()
					.collect(Collectors.toMap((i) -> new TopicPartition(topic, i), (i) -> OffsetSpec.latest()));
				var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
				return ends.entrySet()
					.stream()
					.allMatch((end) -> committed.get(end.getKey()) != null
							&& committed.get(end.getKey()).offset() >= end.getValue().offset());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
