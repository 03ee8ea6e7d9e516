package dev.zdt.boot.sqs;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import io.awspring.cloud.sqs.config.AbstractMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.AbstractMessageListenerContainer;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.messaging.Message;

/**
 * Counts the SQS messages in the listeners: handed to a listener and not yet processed.
 * It adds itself as a {@link MessageInterceptor} to every listener container factory and
 * container bean before they make or start a container, so it counts the messages of
 * {@code @SqsListener} methods and of container beans alike. Messages whose processing
 * has ended but whose acknowledgement is still buffered are not counted: spring-cloud-aws
 * tells no one when it sends them.
 *
 * @since 0.2.0
 */
public final class SqsMessagesInFlight implements MessageInterceptor<Object>, BeanPostProcessor {

	private final AtomicLong inFlight = new AtomicLong();

	/**
	 * Returns the messages handed to a listener and not yet processed.
	 * @return the count, zero when idle
	 */
	public long count() {
		return this.inFlight.get();
	}

	@Override
	public Message<Object> intercept(Message<Object> message) {
		this.inFlight.incrementAndGet();
		return message;
	}

	@Override
	public Collection<Message<Object>> intercept(Collection<Message<Object>> messages) {
		this.inFlight.addAndGet(messages.size());
		return messages;
	}

	@Override
	public void afterProcessing(Message<Object> message, @Nullable Throwable failure) {
		this.inFlight.decrementAndGet();
	}

	@Override
	public void afterProcessing(Collection<Message<Object>> messages, @Nullable Throwable failure) {
		this.inFlight.addAndGet(-messages.size());
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		// The payload type is the application's; the interceptor only counts.
		if (bean instanceof AbstractMessageListenerContainerFactory factory) {
			factory.addMessageInterceptor((MessageInterceptor) this);
		}
		else if (bean instanceof AbstractMessageListenerContainer container) {
			container.addMessageInterceptor((MessageInterceptor) this);
		}
		return bean;
	}

}
