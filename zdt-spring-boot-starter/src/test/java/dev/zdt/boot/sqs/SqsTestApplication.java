package dev.zdt.boot.sqs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainStatus;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.config.SqsBootstrapConfiguration;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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
	DrainStart drainStart(Consumption consumption) {
		return new DrainStart(consumption);
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
	 * Tells the {@link Consumption} when the drain started. It only listens: the
	 * starter's own wiring tells the participants.
	 */
	static class DrainStart implements DrainListener {

		private final Consumption consumption;

		DrainStart(Consumption consumption) {
			this.consumption = consumption;
		}

		@Override
		public void drainStarted(DrainStatus drain) {
			this.consumption.drainStarted();
		}

	}

}
