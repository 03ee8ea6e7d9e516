package dev.zdt.boot.sqs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.work.ShutdownParticipant;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.config.SqsBootstrapConfiguration;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * A service with an {@code @SqsListener} of score events that takes its time, on
 * ElasticMQ, with zdt's auto-configuration. The test registers its {@link Consumption}
 * and {@link ElasticMq} before the context refreshes.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SqsBootstrapConfiguration.class)
class SqsTestApplication {

	static final String QUEUE = "zdt-score-events";

	/** Messages in hand at most: received and not yet processed. */
	static final int MAX_IN_FLIGHT = 4;

	@Bean
	SqsAsyncClient sqsAsyncClient(ElasticMq sqs, Consumption consumption) {
		return killable(sqs.client(), consumption::isKilled);
	}

	@Bean
	SqsMessageListenerContainerFactory<Object> defaultSqsListenerContainerFactory(SqsAsyncClient client) {
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(client)
			.configure((options) -> options.maxConcurrentMessages(MAX_IN_FLIGHT)
				.maxMessagesPerPoll(MAX_IN_FLIGHT)
				.pollTimeout(Duration.ofSeconds(1))
				.listenerShutdownTimeout(Duration.ofSeconds(10))
				.acknowledgementShutdownTimeout(Duration.ofSeconds(5)))
			.build();
	}

	@Bean
	ScoreEventListener scoreEventListener(Consumption consumption) {
		return new ScoreEventListener(consumption);
	}

	@Bean
	ParticipantDriver participantDriver(ObjectProvider<ShutdownParticipant> participants, Consumption consumption) {
		return new ParticipantDriver(participants, consumption);
	}

	/**
	 * The application's client, dead once the process is killed: nothing it sends after
	 * that reaches the queue, as for a process that kubelet SIGKILLed.
	 */
	private static SqsAsyncClient killable(SqsAsyncClient client, BooleanSupplier killed) {
		return (SqsAsyncClient) Proxy.newProxyInstance(SqsTestApplication.class.getClassLoader(),
				new Class<?>[] { SqsAsyncClient.class }, (proxy, method, arguments) -> {
					if (killed.getAsBoolean() && method.getReturnType() == CompletableFuture.class) {
						return CompletableFuture.failedFuture(new IllegalStateException("The process was killed"));
					}
					try {
						return method.invoke(client, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	static class ScoreEventListener {

		private final Consumption consumption;

		ScoreEventListener(Consumption consumption) {
			this.consumption = consumption;
		}

		@SqsListener(QUEUE)
		void onScoreEvent(String body) throws InterruptedException {
			this.consumption.process(body);
		}

	}

	/**
	 * Calls the {@link ShutdownParticipant} beans as the drain will once the starter
	 * drives them (the participants' wiring is not in this branch): drain started, hold
	 * ended, cancelled through the coordinator's listener; awaited in the context's
	 * {@link ContextClosedEvent} after zdt's hold and before any lifecycle bean stops.
	 */
	static class ParticipantDriver implements DrainListener, ApplicationListener<ContextClosedEvent>, Ordered {

		static final Duration AWAIT = Duration.ofSeconds(20);

		private final ObjectProvider<ShutdownParticipant> participants;

		private final Consumption consumption;

		ParticipantDriver(ObjectProvider<ShutdownParticipant> participants, Consumption consumption) {
			this.participants = participants;
			this.consumption = consumption;
		}

		@Override
		public void drainStarted(DrainStatus drain) {
			this.consumption.drainStarted();
			this.participants.orderedStream().forEach(ShutdownParticipant::drainStarted);
		}

		@Override
		public void holdEnded(DrainResult result) {
			this.participants.orderedStream().forEach(ShutdownParticipant::holdEnded);
		}

		@Override
		public void drainCancelled(DrainCancellation cancellation) {
			this.participants.orderedStream().forEach(ShutdownParticipant::drainCancelled);
		}

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			for (ShutdownParticipant participant : this.participants.orderedStream().toList()) {
				try {
					participant.awaitFinished(AWAIT);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
