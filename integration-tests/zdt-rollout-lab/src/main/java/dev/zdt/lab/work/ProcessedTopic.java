package dev.zdt.lab.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The topic the app writes one record to per score event it processed (same key, the
 * pod's name as value), read from its beginning to its end.
 *
 * @author zdt
 */
public final class ProcessedTopic {

	private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

	private ProcessedTopic() {
	}

	/**
	 * Read the whole topic.
	 * @param broker the bootstrap servers
	 * @param topic the processed topic
	 * @param partitions its partitions
	 * @return for each event id, the pods that processed it, one entry per processing
	 */
	public static Map<String, List<String>> read(String broker, String topic, int partitions) {
		List<TopicPartition> all = new ArrayList<>();
		for (int partition = 0; partition < partitions; partition++) {
			all.add(new TopicPartition(topic, partition));
		}
		Map<String, List<String>> processed = new HashMap<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map
			.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(all);
			consumer.seekToBeginning(all);
			Map<TopicPartition, Long> end = consumer.endOffsets(all);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (!readTo(consumer, end)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Reading " + topic + " to its end took over " + READ_TIMEOUT);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					processed.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(record.value());
				}
			}
		}
		return processed;
	}

	private static boolean readTo(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
	}

}
