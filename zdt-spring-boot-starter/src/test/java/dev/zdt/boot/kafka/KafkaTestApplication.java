package dev.zdt.boot.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A web application with a slow {@code @KafkaListener}, configured by hand so that it
 * runs the same on both Boot lines (Boot 4 keeps Kafka's auto-configuration in a module
 * of its own): spring-kafka's defaults (record listener, ack mode BATCH, 500 records a
 * poll at most), on the broker {@code test.kafka.brokers}. The starter's own wiring
 * drives zdt's Kafka participant from the drain.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableKafka
class KafkaTestApplication {

	@Bean
	ConsumerFactory<String, String> consumerFactory(Environment environment) {
		return new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("test.kafka.brokers"),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
						false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(
			ConsumerFactory<String, String> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumerFactory);
		return factory;
	}

	@Bean
	DrainMoments drainMoments() {
		return new DrainMoments();
	}

	@Bean
	SlowListener slowListener(RecordLedger ledger, Environment environment) {
		return new SlowListener(ledger, environment.getRequiredProperty("test.kafka.processing-time", Duration.class));
	}

}
