package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.zdt.boot.aws.autoconfigure.ZdtAwsAutoConfiguration;
import dev.zdt.boot.aws.autoconfigure.ZdtAwsProperties;
import dev.zdt.boot.testing.ConfigurationMetadataCheck;
import dev.zdt.core.DrainCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code Duration} property of zdt, {@code zdt.aws.*} included: one that zdt cannot
 * work with (longer than {@link DurationProperties#LIMIT}) or that is written as a bare
 * number where the unit would be a guess fails startup naming the property. The
 * properties come from the configuration metadata, so a new one is tested without being
 * listed here.
 */
class DurationPropertiesTests {

	// The ALB strategy configured (so zdt.aws.* is bound) without leaving loopback: no
	// instance metadata, no profile file, no environment of the machine that runs the
	// tests.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAwsAutoConfiguration.class, ZdtAutoConfiguration.class))
		.withSystemProperties("aws.disableEc2Metadata=true", "aws.configFile=/nonexistent/zdt/config",
				"aws.sharedCredentialsFile=/nonexistent/zdt/credentials")
		.withPropertyValues("spring.main.cloud-platform=none", "AWS_REGION=", "aws.region=", "zdt.aws.region=eu-west-1",
				"zdt.aws.target-group-arns=arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/73e2d6bc24d8a067",
				"zdt.aws.target-ip=192.0.2.80");

	@ParameterizedTest(name = "{0}=300000d fails startup naming the property and the limit")
	@MethodSource("durationProperties")
	void everyDurationLongerThanTheLimitFailsStartupNamingThePropertyAndTheLimit(String name) {
		this.contextRunner.withPropertyValues(name + "=300000d")
			.run((context) -> assertFailsNaming(context, name, "must be at most 1d"));
	}

	@Test
	void everyDurationAtTheLimitStarts() {
		List<String> all = durationProperties().stream().map((name) -> name + "=1d").toList();
		this.contextRunner.withPropertyValues(all.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofDays(1));
			assertThat(context.getBean(ZdtAwsProperties.class).getPollInterval()).isEqualTo(Duration.ofDays(1));
		});
	}

	@ParameterizedTest(name = "{0}=30 fails startup: a bare number has no unit")
	@MethodSource("durationPropertiesWithoutUnitOfTheirOwn")
	void bareNumberFailsStartupNamingThePropertyWhereTheUnitWouldBeAGuess(String name) {
		this.contextRunner.withPropertyValues(name + "=30")
			.run((context) -> assertFailsNaming(context, name, "has no unit", "30s or 30ms"));
	}

	@Test
	void bareNumberFromAMapOrYamlFailsToo() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("yaml", Map.of("zdt.drain.max-hold", 30))))
			.run((context) -> assertFailsNaming(context, "zdt.drain.max-hold", "has no unit"));
	}

	@Test
	void bareNumberBehindAPlaceholderFailsToo() {
		this.contextRunner.withPropertyValues("HOLD=45", "zdt.drain.max-hold=${HOLD}")
			.run((context) -> assertFailsNaming(context, "zdt.drain.max-hold", "has no unit"));
	}

	@Test
	void zeroNeedsNoUnit() {
		this.contextRunner.withPropertyValues("zdt.drain.min-hold=0", "zdt.drain.cancel-after=0").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DrainCoordinator.class).bounds().minHold()).isZero();
			assertThat(context.getBean(ZdtProperties.class).getDrain().getCancelAfter()).isZero();
		});
	}

	@Test
	void bareNumberOfTheTerminationGracePeriodIsSecondsAsInThePodSpec() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=75")
			.run((context) -> assertThat(context.getBean(ZdtProperties.class).getTerminationGracePeriod())
				.isEqualTo(Duration.ofSeconds(75)));
	}

	@Test
	void durationsWithAUnitBindAsWritten() {
		this.contextRunner
			.withPropertyValues("zdt.drain.max-hold=45s", "zdt.drain.check-interval=250ms", "zdt.drain.min-hold=PT2S",
					"zdt.aws.poll-interval=3s")
			.run((context) -> {
				ZdtProperties.Drain drain = context.getBean(ZdtProperties.class).getDrain();
				assertThat(drain.getMaxHold()).isEqualTo(Duration.ofSeconds(45));
				assertThat(drain.getCheckInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(drain.getMinHold()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(ZdtAwsProperties.class).getPollInterval()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void propertiesOfOtherPrefixesAreLeftAlone() {
		this.contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=20000")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	static List<String> durationProperties() {
		List<String> names = List.copyOf(ConfigurationMetadataCheck.load().durationNames());
		assertThat(names).as("the Duration properties in the metadata")
			.contains("zdt.drain.max-hold", "zdt.termination-grace-period", "zdt.aws.poll-interval");
		return names;
	}

	static List<String> durationPropertiesWithoutUnitOfTheirOwn() {
		return durationProperties().stream().filter((name) -> !name.equals("zdt.termination-grace-period")).toList();
	}

	private static void assertFailsNaming(AssertableApplicationContext context, String name, String... reasons) {
		assertThat(context).getFailure().satisfies((failure) -> {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(name).contains(reasons);
		});
	}

}
