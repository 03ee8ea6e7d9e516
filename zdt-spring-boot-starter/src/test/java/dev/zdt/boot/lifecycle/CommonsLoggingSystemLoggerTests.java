package dev.zdt.boot.lifecycle;

import java.lang.System.Logger.Level;
import java.util.logging.LogManager;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.HoldStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CommonsLoggingSystemLoggerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, LifecycleAutoConfiguration.class))
		.withUserConfiguration(FailingStrategyConfiguration.class)
		.withPropertyValues("zdt.drain.min-hold=0s", "zdt.drain.max-hold=300ms");

	@Test
	void aFailingStrategyIsReportedAfterTheJvmHasResetJavaUtilLogging(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			// What java.util.logging's shutdown hook does as the JVM begins to shut down,
			// while Spring's shutdown hook runs the hold.
			// A context runner's application is never reported ready, and a drain of a
			// never-ready instance does not hold (so never starts the strategy).
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			LogManager.getLogManager().reset();
			try {
				context.getBean(DrainCoordinator.class).drain(DrainTrigger.SHUTDOWN);
			}
			finally {
				LogManager.getLogManager().readConfiguration();
			}
			assertThat(output).contains("zdt: the hold strategy 'failing' failed, so the hold runs to max-hold",
					"java.lang.IllegalStateException: no credentials");
		});
	}

	@Test
	void formatsParametersAsSystemLoggerSpecifies(CapturedOutput output) {
		System.Logger logger = CommonsLoggingSystemLogger.named("dev.zdt.test");
		logger.log(Level.WARNING, "{0} of {1} target groups draining", 2, 3);
		logger.log(Level.INFO, "no parameters: {0}");
		assertThat(output).contains("2 of 3 target groups draining", "no parameters: {0}");
		assertThat(logger.getName()).isEqualTo("dev.zdt.test");
	}

	@Test
	void isLoggableFollowsTheLoggingSystemsLevels() {
		System.Logger logger = CommonsLoggingSystemLogger.named("dev.zdt.test");
		assertThat(logger.isLoggable(Level.ERROR)).isTrue();
		assertThat(logger.isLoggable(Level.WARNING)).isTrue();
		assertThat(logger.isLoggable(Level.OFF)).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingStrategyConfiguration {

		@Bean
		HoldStrategy failingStrategy() {
			return HoldStrategy.stateless("failing", (context) -> {
				throw new IllegalStateException("no credentials");
			});
		}

	}

}
