package dev.zdt.boot.kafka.autoconfigure;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Makes the listener containers stop after the record in hand rather than after the whole
 * batch of the last poll ({@link ContainerProperties#setStopImmediate}), unless the
 * application chose with {@code spring.kafka.listener.immediate-stop}. A batch is up to
 * {@code max.poll.records} (500) records, and 500 records of 200 ms take 100 s: more than
 * any grace period. Stopped after the current record, the container commits the offsets
 * of the records it processed and the rest go to the next owner of the partition: none
 * lost, none processed twice, in the time of one record.
 */
final class KafkaStopImmediately implements BeanPostProcessor {

	static final String IMMEDIATE_STOP = "spring.kafka.listener.immediate-stop";

	private final boolean chosen;

	KafkaStopImmediately(Environment environment) {
		this.chosen = environment.containsProperty(IMMEDIATE_STOP);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.chosen) {
			return bean;
		}
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			factory.getContainerProperties().setStopImmediate(true);
		}
		else if (bean instanceof AbstractMessageListenerContainer<?, ?> container) {
			container.getContainerProperties().setStopImmediate(true);
		}
		return bean;
	}

}
