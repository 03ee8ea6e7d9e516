package dev.zdt.boot.kafka.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.kafka.KafkaListenerParticipant;
import dev.zdt.core.work.ShutdownParticipant;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ZdtKafkaAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtKafkaAutoConfiguration.class));

	@Test
	void listenerContainersAreAShutdownParticipant() {
		this.runner.withUserConfiguration(Listeners.class).run((context) -> {
			assertThat(context).hasSingleBean(KafkaListenerParticipant.class);
			assertThat(context.getBean(ShutdownParticipant.class).name()).isEqualTo("kafka");
		});
	}

	@Test
	void withoutListenerContainersThereIsNoParticipant() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(KafkaListenerParticipant.class));
	}

	@Test
	void withoutSpringKafkaThereIsNoParticipant() {
		this.runner.withUserConfiguration(Listeners.class)
			.withClassLoader(new FilteredClassLoader(KafkaListenerEndpointRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaListenerParticipant.class));
	}

	@Test
	void withZdtDisabledThereIsNoParticipant() {
		this.runner.withUserConfiguration(Listeners.class)
			.withPropertyValues("zdt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaListenerParticipant.class));
	}

	@Test
	void listenerContainersStopAfterTheRecordInHand() {
		this.runner.withUserConfiguration(Listeners.class)
			.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.getContainerProperties()
				.isStopImmediate()).isTrue());
	}

	@Test
	void anImmediateStopTheApplicationChoseIsKept() {
		this.runner.withUserConfiguration(Listeners.class)
			.withPropertyValues("spring.kafka.listener.immediate-stop=false")
			.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.getContainerProperties()
				.isStopImmediate()).isFalse());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafka
	static class Listeners {

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory() {
			return new ConcurrentKafkaListenerContainerFactory<>();
		}

	}

}
