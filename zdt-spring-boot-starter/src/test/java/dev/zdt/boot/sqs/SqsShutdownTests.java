package dev.zdt.boot.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.work.ShutdownParticipant;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service consuming an SQS queue (ElasticMQ in this JVM) with a slow
 * {@code @SqsListener}, shut down as on Kubernetes: the context closes (SIGTERM), zdt
 * holds, and the process is killed when the grace period is spent; a second consumer then
 * reads the queue after the visibility timeout. Messages sent during the drain are
 * counted too.
 */
@ExtendWith(OutputCaptureExtension.class)
class SqsShutdownTests {

	private static final Duration HOLD = Duration.ofSeconds(6);

	private static final Duration PROCESSING = Duration.ofSeconds(3);

	/** kubelet's SIGKILL: the hold plus less than one message's processing. */
	private static final Duration GRACE_PERIOD = HOLD.plusMillis(500);

	private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(5);

	@Test
	void messagesInHandWhenTheDrainStartsAreProcessedOnceAndNoneIsReceivedAfterIt() throws Exception {
		try (ElasticMq sqs = ElasticMq.start()) {
			String queue = sqs.createQueue(SqsTestApplication.QUEUE, VISIBILITY_TIMEOUT);
			List<String> sent = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 12; i++) {
				send(sqs, queue, sent);
			}
			Consumption consumption = new Consumption(PROCESSING);
			ConfigurableApplicationContext context = start(sqs, consumption, HOLD);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> consumption.inListener() == SqsTestApplication.MAX_IN_FLIGHT);
			long inProgressBeforeTheDrain = context.getBeanProvider(ShutdownParticipant.class)
				.stream()
				.mapToLong(ShutdownParticipant::inProgress)
				.sum();
			ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
			producer.scheduleAtFixedRate(() -> send(sqs, queue, sent), 0, 200, TimeUnit.MILLISECONDS);
			long closing = System.nanoTime();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
			await().atMost(GRACE_PERIOD.plusSeconds(30))
				.until(() -> System.nanoTime() - closing >= GRACE_PERIOD.toNanos());
			consumption.kill();
			boolean exitedBeforeKill = closed.isDone();
			producer.shutdown();
			assertThat(producer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			Set<String> secondConsumer = new HashSet<>();
			await().atMost(VISIBILITY_TIMEOUT.plusSeconds(25)).pollDelay(Duration.ZERO).until(() -> {
				secondConsumer.addAll(sqs.receiveAndDelete(queue));
				return sqs.messagesInQueue(queue) == 0;
			});
			Set<String> processed = consumption.processed();
			Set<String> processedTwice = new HashSet<>(processed);
			processedTwice.retainAll(secondConsumer);
			processedTwice.addAll(consumption.processedAgain());
			Set<String> lost = new HashSet<>(sent);
			lost.removeAll(processed);
			lost.removeAll(secondConsumer);
			System.out
				.printf("SQS shutdown: sent %d, processed by the first consumer %d, by the second %d, processed twice %d, "
						+ "lost %d; in the listener when the drain started %d, started after it %d, exited before the kill: %s%n",
						sent.size(), processed.size(), secondConsumer.size(), processedTwice.size(), lost.size(),
						consumption.inListenerWhenDrainStarted(), consumption.startedAfterDrain(), exitedBeforeKill);
			SoftAssertions.assertSoftly((softly) -> {
				softly.assertThat(lost).as("messages lost").isEmpty();
				softly.assertThat(processedTwice)
					.as("messages processed twice (redelivered after being processed)")
					.isEmpty();
				softly.assertThat(inProgressBeforeTheDrain)
					.as("messages in progress that the participants reported before the drain")
					.isEqualTo(SqsTestApplication.MAX_IN_FLIGHT);
				softly.assertThat(consumption.startedAfterDrain())
					.as("messages that reached the listener after the drain started")
					.isZero();
			});
			closed.get(60, TimeUnit.SECONDS);
		}
	}

	@Test
	void theBudgetCountsTheContainersStopBesideTheHoldAsLongAsItsShutdownTimeouts(CapturedOutput output)
			throws Exception {
		try (ElasticMq sqs = ElasticMq.start()) {
			sqs.createQueue(SqsTestApplication.QUEUE, VISIBILITY_TIMEOUT);
			Consumption consumption = new Consumption(Duration.ofMillis(100));
			// Hold 6 s; the containers' stop, begun when the drain starts, 10 s to finish
			// the listeners + 5 s to send the acknowledgements: 15 s from the drain's
			// start. With the participants' and web server's phase 30 s, the executors'
			// nothing (awaited in it) and the exit 2 s: 47 s (on Boot 3.5's class path
			// a running Kafka listener registry and Reactor Netty's quiet period add
			// theirs).
			try (ConfigurableApplicationContext context = start(sqs, consumption, HOLD,
					"--zdt.termination-grace-period=46s", "--spring.reactor.netty.shutdown-quiet-period=0s")) {
				assertThat(context.getBean(MessageListenerContainerRegistry.class).getListenerContainers())
					.allMatch(MessageListenerContainer::isRunning);
				assertThat(output).containsPattern("zdt: the shutdown may not fit the termination grace period: "
						+ "max hold 6.000s \\+ phase 2147483647 \\([^)]+\\) 15.000s beside the hold \\+ ");
				if (!output.toString().contains("internalKafkaListenerEndpointRegistry")) {
					assertThat(output).contains("= 47.000s > zdt.termination-grace-period 46.000s", "at least 47");
				}
			}
		}
	}

	@Test
	void aCancelledDrainStartsTheContainersItStoppedAgain() throws Exception {
		try (ElasticMq sqs = ElasticMq.start()) {
			String queue = sqs.createQueue(SqsTestApplication.QUEUE, VISIBILITY_TIMEOUT);
			List<String> sent = new CopyOnWriteArrayList<>();
			Consumption consumption = new Consumption(Duration.ofMillis(100));
			try (ConfigurableApplicationContext context = start(sqs, consumption, Duration.ofSeconds(2))) {
				send(sqs, queue, sent);
				await().atMost(Duration.ofSeconds(20)).until(() -> consumption.processed().containsAll(sent));
				Collection<MessageListenerContainer<?>> containers = context
					.getBean(MessageListenerContainerRegistry.class)
					.getListenerContainers();
				DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
				coordinator.startDrain(DrainTrigger.API);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(containers).as("stopped by the drain")
						.noneMatch(MessageListenerContainer::isRunning));
				await().atMost(Duration.ofSeconds(20)).until(coordinator::cancel);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(containers).as("started again when the drain was cancelled")
						.allMatch(MessageListenerContainer::isRunning));
				send(sqs, queue, sent);
				await().atMost(Duration.ofSeconds(20)).until(() -> consumption.processed().containsAll(sent));
			}
		}
	}

	private static void send(ElasticMq sqs, String queue, List<String> sent) {
		String body = "score-" + sent.size();
		sqs.send(queue, body);
		sent.add(body);
	}

	private static ConfigurableApplicationContext start(ElasticMq sqs, Consumption consumption, Duration hold,
			String... more) {
		SpringApplication application = new SpringApplication(SqsTestApplication.class);
		// A web server, as behind a load balancer: zdt holds only while one serves.
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton("elasticMq", sqs);
			context.getBeanFactory().registerSingleton("consumption", consumption);
		});
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--zdt.drain.strategy=fixed", "--zdt.drain.delay=" + hold.toMillis() + "ms",
						"--zdt.drain.min-hold=0s", "--zdt.drain.max-hold=" + hold.toMillis() + "ms"));
		args.addAll(List.of(more));
		return application.run(args.toArray(String[]::new));
	}

}
