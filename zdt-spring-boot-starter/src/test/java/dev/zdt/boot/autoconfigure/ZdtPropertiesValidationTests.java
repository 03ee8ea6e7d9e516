package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ZdtPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1} fails startup")
	@CsvSource(delimiter = '|', textBlock = """
			zdt.drain.min-hold           | -1s     | zdt.drain.min-hold
			zdt.drain.max-hold           | -5s     | zdt.drain.max-hold
			zdt.drain.delay              | -2s     | zdt.drain.delay
			zdt.drain.min-hold           | 40s     | zdt.drain.min-hold
			zdt.drain.check-interval     | 0ms     | zdt.drain.check-interval
			zdt.drain.strategy           | sleepy  | zdt.drain.strategy
			zdt.drain.adaptive.false-release-probability | 2 | zdt.drain.adaptive.false-release-probability
			zdt.termination-grace-period | 0s      | zdt.termination-grace-period
			zdt.drain.max-hold           | soon    | zdt.drain.max-hold
			""")
	void invalidValueFailsStartupNamingTheProperty(String property, String value, String named) {
		this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).getFailure().satisfies((failure) -> {
				StringBuilder messages = new StringBuilder();
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					messages.append(cause.getMessage()).append('\n');
				}
				assertThat(messages.toString()).contains(named);
			}));
	}

	@ParameterizedTest(name = "fixed delay {0} with max-hold {1} fails startup")
	@CsvSource({ "40s,30s" })
	void fixedDelayLongerThanMaxHoldFailsStartup(String delay, String maxHold) {
		this.contextRunner
			.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.delay=" + delay, "zdt.drain.max-hold=" + maxHold)
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("zdt.drain.delay"));
	}

	@Test
	void propertiesAreValidatedWhenBoundEvenWhenTheApplicationBringsItsOwnStrategyAndCoordinator() {
		this.contextRunner.withUserConfiguration(OwnDrainConfiguration.class)
			.withPropertyValues("zdt.drain.min-hold=40s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zdt.drain.min-hold")
				.hasMessageContaining("must not be longer than zdt.drain.max-hold"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDrainConfiguration {

		@Bean
		HoldStrategy holdStrategy() {
			return new FixedDelayStrategy(Duration.ofSeconds(1));
		}

		@Bean
		DrainCoordinator drainCoordinator(HoldStrategy strategy) {
			return DrainCoordinator.builder()
				.strategy(strategy)
				.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(100)))
				.build();
		}

	}

}
