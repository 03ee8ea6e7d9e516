package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import dev.zdt.boot.kafka.KafkaListenerParticipant;
import dev.zdt.boot.kafka.autoconfigure.ZdtKafkaAutoConfiguration;
import dev.zdt.boot.testapp.TestApplication;
import dev.zdt.core.ShutdownPhase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerConfigUtils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget test with a Kafka container phase: a real spring-kafka listener registry
 * with a running {@code @KafkaListener} container stops in its own phase before the web
 * server's graceful shutdown, and the budget counts it, read generically from the context
 * like any lifecycle bean. Where zdt's Kafka participant stops the containers when the
 * drain starts, the phase runs beside the hold: it counts max(hold, its timeout), not
 * their sum. No broker is needed: the container starts and keeps trying a bootstrap
 * address nobody listens on.
 */
class ShutdownBudgetKafkaPhaseTests {

	private static final String REGISTRY = KafkaListenerConfigUtils.KAFKA_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME;

	private static final int KAFKA_REGISTRY_PHASE = 2147483547;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ZdtAutoConfiguration.class))
		.withUserConfiguration(KafkaListenerConfiguration.class);

	@Test
	void theKafkaListenerRegistrysPhaseCountsAndIsNamedWhenItDoesNotFit() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=61s", "zdt.drain.max-hold=30s")
			.run((context) -> {
				KafkaListenerEndpointRegistry registry = context.getBean(REGISTRY, KafkaListenerEndpointRegistry.class);
				assertThat(registry.isRunning()).isTrue();
				assertThat(registry.getListenerContainer("scores").isRunning()).isTrue();
				assertThat(context.getBean(StartupChecks.class).warnings()).singleElement()
					.asString()
					.contains(
							"max hold 30.000s + phase 2147483547 (" + REGISTRY + ") 30.000s + 2.000s to exit = 62.000s",
							"phase " + registry.getPhase() + " (" + REGISTRY + ") 30.000s does not fit", "at least 62");
			});
	}

	@Test
	void withZdtsKafkaParticipantTheRegistrysPhaseRunsBesideTheHold() {
		// The participant stops the containers when the drain starts: their phase counts
		// max(hold, its timeout), 30 s + 2 s to exit, not 30 s + 30 s + 2 s.
		this.contextRunner.withConfiguration(AutoConfigurations.of(ZdtKafkaAutoConfiguration.class))
			.withPropertyValues("zdt.termination-grace-period=40s", "zdt.drain.max-hold=30s")
			.run((context) -> {
				assertThat(context).hasSingleBean(KafkaListenerParticipant.class);
				assertThat(context.getBean(LifecyclePhases.class).read()).singleElement()
					.satisfies((phase) -> assertThat(phase.beans()).containsExactly(REGISTRY))
					.satisfies((phase) -> assertThat(phase.overlap()).isEqualTo(ShutdownPhase.Overlap.HOLD));
				assertThat(context.getBean(StartupChecks.class).warnings()).isEmpty();
			});
	}

	@Test
	void inAWebApplicationTheKafkaPhaseRunsBesideTheHoldAndTheLaterPhasesAfterIt() {
		try (ConfigurableApplicationContext context = webApplication("zdt.termination-grace-period=61s")) {
			String warning = context.getBean(StartupChecks.class).warnings().get(0);
			assertThat(warning).contains(
					"max hold 20.000s + phase 2147483547 (" + REGISTRY + ") 30.000s beside the hold + phase "
							+ WebServerDetector.gracefulShutdownPhase()
							+ " (zdtParticipantsLifecycle, webServerGracefulShutdown) 30.000s + ",
					"= 62.000s > zdt.termination-grace-period 61.000s", "at least 62");
		}
	}

	@Test
	void inAWebApplicationAGracePeriodWithRoomForTheLaterPhasesFitsBesideTheKafkaPhase() {
		// Hold 20 s, the Kafka phase beside it up to 30 s, the web server's phase 30 s,
		// the executor's phase nothing (zdt's participant awaited its tasks in the web
		// server's), the exit 2 s: 62 s.
		try (ConfigurableApplicationContext context = webApplication("zdt.termination-grace-period=62s")) {
			assertThat(context.getBean(StartupChecks.class).warnings()).isEmpty();
			// Once a 20 s hold has ended, the Kafka phase, begun at the drain's start,
			// needs only 10 s more: no phase is cut.
			assertThat(context.getBean(PhaseDeadline.class).cap(KAFKA_REGISTRY_PHASE, Duration.ofSeconds(20))).isNull();
		}
	}

	private static ConfigurableApplicationContext webApplication(String gracePeriod) {
		return new SpringApplicationBuilder(TestApplication.class, KafkaListenerConfiguration.class)
			.properties("server.port=0", "spring.main.banner-mode=off", gracePeriod,
					// Set, so not fitted; and no hold when the test closes the context.
					"zdt.drain.max-hold=20s", "zdt.drain.strategy=fixed", "zdt.drain.delay=0s", "zdt.drain.min-hold=0s",
					// Boot 3.5's class path has Reactor Netty, whose quiet period would
					// add 2 s to the budget there.
					"spring.reactor.netty.shutdown-quiet-period=0s")
			.run();
	}

	@Test
	void aGracePeriodWithRoomForTheKafkaPhaseGivesNoWarning() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=62s", "zdt.drain.max-hold=20s")
			.run((context) -> assertThat(context.getBean(StartupChecks.class).warnings()).isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafka
	static class KafkaListenerConfiguration {

		@Bean
		ConsumerFactory<String, String> consumerFactory() throws IOException {
			return new DefaultKafkaConsumerFactory<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + unusedPort(),
							ConsumerConfig.GROUP_ID_CONFIG, "budget", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
							StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
							StringDeserializer.class, ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 1000));
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(
				ConsumerFactory<String, String> consumerFactory) {
			ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(consumerFactory);
			return factory;
		}

		@Bean
		ScoreListener scoreListener() {
			return new ScoreListener();
		}

		private static int unusedPort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

	}

	static class ScoreListener {

		@KafkaListener(id = "scores", topics = "scores")
		void onScore(String score) {
		}

	}

}
