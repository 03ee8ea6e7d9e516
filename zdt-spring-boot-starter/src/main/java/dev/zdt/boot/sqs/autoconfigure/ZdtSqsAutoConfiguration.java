package dev.zdt.boot.sqs.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.zdt.boot.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.boot.sqs.SqsListenerParticipant;
import dev.zdt.boot.sqs.SqsMessagesInFlight;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Auto-configuration of the {@link SqsListenerParticipant}: when spring-cloud-aws-sqs is
 * on the class path and its listener container registry is a bean (spring-cloud-aws's
 * auto-configuration or {@code SqsBootstrapConfiguration} registers it), the
 * {@code @SqsListener} containers and the container beans stop receiving when the drain
 * starts.
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@ConditionalOnClass(MessageListenerContainerRegistry.class)
@ConditionalOnZdtEnabled
public final class ZdtSqsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static SqsMessagesInFlight zdtSqsMessagesInFlight() {
		return new SqsMessagesInFlight();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MessageListenerContainerRegistry.class)
	SqsListenerParticipant zdtSqsListenerParticipant(ObjectProvider<MessageListenerContainerRegistry> registries,
			ObjectProvider<MessageListenerContainer<?>> containerBeans, SqsMessagesInFlight messages) {
		return new SqsListenerParticipant(() -> containers(registries, containerBeans), messages,
				new CustomizableThreadFactory("zdt-sqs-stop-"));
	}

	private static Collection<MessageListenerContainer<?>> containers(
			ObjectProvider<MessageListenerContainerRegistry> registries,
			ObjectProvider<MessageListenerContainer<?>> containerBeans) {
		List<MessageListenerContainer<?>> containers = new ArrayList<>();
		registries.orderedStream().forEach((registry) -> containers.addAll(registry.getListenerContainers()));
		containerBeans.orderedStream().forEach(containers::add);
		return containers;
	}

}
