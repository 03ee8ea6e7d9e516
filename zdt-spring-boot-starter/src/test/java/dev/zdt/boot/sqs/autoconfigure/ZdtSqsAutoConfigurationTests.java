package dev.zdt.boot.sqs.autoconfigure;

import dev.zdt.boot.sqs.SqsListenerParticipant;
import dev.zdt.boot.sqs.SqsMessagesInFlight;
import dev.zdt.core.work.ShutdownParticipant;
import io.awspring.cloud.sqs.config.SqsBootstrapConfiguration;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class ZdtSqsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtSqsAutoConfiguration.class));

	@Test
	void theListenerContainersTakePartInTheDrainWhenTheirRegistryIsABean() {
		this.runner.withUserConfiguration(SqsListeners.class).run((context) -> {
			assertThat(context).hasSingleBean(SqsListenerParticipant.class);
			assertThat(context.getBean(ShutdownParticipant.class).name()).isEqualTo("sqs");
			assertThat(context.getBean(ShutdownParticipant.class).inProgress()).isZero();
		});
	}

	@Test
	void withoutTheRegistryThereIsNoParticipant() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SqsListenerParticipant.class));
	}

	@Test
	void withoutSpringCloudAwsNothingIsConfigured() {
		this.runner.withUserConfiguration(SqsListeners.class)
			.withClassLoader(new FilteredClassLoader(MessageListenerContainerRegistry.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SqsListenerParticipant.class);
				assertThat(context).doesNotHaveBean(SqsMessagesInFlight.class);
			});
	}

	@Test
	void withZdtDisabledThereIsNoParticipant() {
		this.runner.withUserConfiguration(SqsListeners.class)
			.withPropertyValues("zdt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SqsListenerParticipant.class));
	}

	@Test
	void theMessageCountIsAddedToTheContainerFactories() {
		this.runner.withUserConfiguration(SqsListeners.class).run((context) -> {
			SqsMessageListenerContainerFactory<?> factory = context.getBean(SqsMessageListenerContainerFactory.class);
			assertThat(factory).extracting("messageInterceptors")
				.asInstanceOf(InstanceOfAssertFactories.COLLECTION)
				.containsExactly(context.getBean(SqsMessagesInFlight.class));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@Import(SqsBootstrapConfiguration.class)
	static class SqsListeners {

		@Bean
		SqsMessageListenerContainerFactory<Object> defaultSqsListenerContainerFactory() {
			SqsMessageListenerContainerFactory<Object> factory = new SqsMessageListenerContainerFactory<>();
			// No listener here: the factory makes no container and needs no client.
			factory.setSqsAsyncClientSupplier(() -> {
				throw new IllegalStateException("No SQS client in this test");
			});
			return factory;
		}

	}

}
