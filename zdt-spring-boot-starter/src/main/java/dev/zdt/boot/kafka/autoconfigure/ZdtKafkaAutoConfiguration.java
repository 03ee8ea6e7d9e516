package dev.zdt.boot.kafka.autoconfigure;

import dev.zdt.boot.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.boot.kafka.KafkaListenerParticipant;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Auto-configuration of the {@link KafkaListenerParticipant}, when spring-kafka is on the
 * classpath and the application has listener containers ({@code @EnableKafka}, which
 * Spring Boot's Kafka auto-configuration applies, registers their registry).
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration" })
@ConditionalOnClass(KafkaListenerEndpointRegistry.class)
@ConditionalOnZdtEnabled
public final class ZdtKafkaAutoConfiguration {

	@Bean
	@ConditionalOnBean(KafkaListenerEndpointRegistry.class)
	@ConditionalOnMissingBean
	KafkaListenerParticipant zdtKafkaListenerParticipant(KafkaListenerEndpointRegistry registry) {
		return new KafkaListenerParticipant(registry);
	}

	@Bean
	static KafkaStopImmediately zdtKafkaStopImmediately(Environment environment) {
		return new KafkaStopImmediately(environment);
	}

}
