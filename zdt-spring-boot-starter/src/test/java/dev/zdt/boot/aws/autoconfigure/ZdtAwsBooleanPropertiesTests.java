package dev.zdt.boot.aws.autoconfigure;

import java.util.Map;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.testing.ConfigurationMetadataCheck;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A boolean {@code zdt.aws.*} property is {@code true} or {@code false} (any case,
 * surrounding whitespace ignored); anything else fails startup naming it.
 */
class ZdtAwsBooleanPropertiesTests {

	// No instance metadata and no profile file: the region comes from the properties
	// only.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAwsAutoConfiguration.class, ZdtAutoConfiguration.class))
		.withSystemProperties("aws.disableEc2Metadata=true", "aws.configFile=/nonexistent/zdt/config",
				"aws.sharedCredentialsFile=/nonexistent/zdt/credentials")
		.withPropertyValues("spring.main.cloud-platform=none", "AWS_REGION=", "aws.region=", "zdt.aws.region=eu-west-1",
				"zdt.aws.target-group-arns=arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/73e2d6bc24d8a067",
				"zdt.aws.target-ip=192.0.2.80");

	@ParameterizedTest(name = "{0}=yes fails startup naming the property")
	@MethodSource("booleanProperties")
	void everyBooleanPropertyThatIsNotABooleanFailsStartupNamingIt(String name) {
		this.contextRunner.withPropertyValues(name + "=yes").run((context) -> assertFailsNaming(context, name));
	}

	@ParameterizedTest(name = "{0}=1 fails startup even when zdt is off")
	@MethodSource("booleanProperties")
	void booleanThatIsNotABooleanFailsStartupEvenWhenZdtIsOff(String name) {
		this.contextRunner.withPropertyValues("zdt.enabled=false", name + "=1")
			.run((context) -> assertFailsNaming(context, name));
	}

	@Test
	void enabledInAnotherCaseAndWithWhitespaceStillAsksTheLoadBalancer() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("raw", Map.of("zdt.aws.enabled", "TRUE "))))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LoadBalancerHoldStrategySupplier.class));
	}

	static Iterable<String> booleanProperties() {
		return ConfigurationMetadataCheck.load().booleanNames();
	}

	private static void assertFailsNaming(AssertableApplicationContext context, String name) {
		assertThat(context).getFailure().satisfies((failure) -> {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(name, "true or false");
		});
	}

}
