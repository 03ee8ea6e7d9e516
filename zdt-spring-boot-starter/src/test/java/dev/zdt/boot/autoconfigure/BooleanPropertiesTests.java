package dev.zdt.boot.autoconfigure;

import java.util.Map;

import dev.zdt.boot.testing.ConfigurationMetadataCheck;
import dev.zdt.core.DrainCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A boolean {@code zdt.*} property is {@code true} or {@code false}, in any case and with
 * surrounding whitespace ignored, as Spring Boot's binder reads it; anything else fails
 * startup, where it used to switch a feature off without a word.
 */
class BooleanPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class));

	@ParameterizedTest(name = "zdt.enabled=''{0}'' fails startup naming the property")
	@ValueSource(strings = { "yes", "on", "1", "perhaps", "no", "off", "0", "", " ", "t rue", "true\nfalse" })
	void enabledThatIsNotABooleanFailsStartupNamingTheProperty(String value) {
		this.contextRunner.withInitializer(raw("zdt.enabled", value))
			.run((context) -> assertFailsNaming(context, "zdt.enabled"));
	}

	@ParameterizedTest(name = "{0}=yes fails startup naming the property")
	@MethodSource("booleanProperties")
	void everyBooleanPropertyThatIsNotABooleanFailsStartupNamingIt(String name) {
		this.contextRunner.withPropertyValues(name + "=yes").run((context) -> assertFailsNaming(context, name));
	}

	@ParameterizedTest(name = "{0}=perhaps fails startup even when zdt is off")
	@MethodSource("booleanProperties")
	void booleanThatIsNotABooleanFailsStartupEvenWhenZdtIsOff(String name) {
		this.contextRunner.withPropertyValues("zdt.enabled=false", name + "=perhaps")
			.run((context) -> assertFailsNaming(context, name));
	}

	@Test
	void camelCaseSpellingOfABooleanPropertyIsCheckedToo() {
		this.contextRunner.withPropertyValues("zdt.drain.connectionClose=on")
			.run((context) -> assertFailsNaming(context, "zdt.drain.connection-close"));
	}

	@ParameterizedTest(name = "zdt.enabled=''{0}'' keeps zdt on")
	@ValueSource(strings = { "true", "TRUE", "True", "true ", " true", "true\t" })
	void trueInAnyCaseAndWithSurroundingWhitespaceKeepsZdtOn(String value) {
		this.contextRunner.withInitializer(raw("zdt.enabled", value))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DrainCoordinator.class));
	}

	@ParameterizedTest(name = "zdt.enabled=''{0}'' switches zdt off")
	@ValueSource(strings = { "false", "FALSE", "False", "false " })
	void falseInAnyCaseAndWithSurroundingWhitespaceSwitchesZdtOff(String value) {
		this.contextRunner.withInitializer(raw("zdt.enabled", value))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DrainCoordinator.class));
	}

	@ParameterizedTest(name = "zdt.drain.connection-close=''{0}'' binds {1}")
	@CsvSource({ "'TRUE ',true", "' False',false" })
	void connectionCloseReadsTrueAndFalseInAnyCase(String value, boolean expected) {
		this.contextRunner.withInitializer(raw("zdt.drain.connection-close", value))
			.run((context) -> assertThat(context.getBean(ZdtProperties.class).getDrain().isConnectionClose())
				.isEqualTo(expected));
	}

	/**
	 * The value as a properties file or an environment variable gives it, whitespace
	 * included ({@code withPropertyValues} would trim it).
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> raw(String name, String value) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("raw", Map.of(name, value)));
	}

	static Iterable<String> booleanProperties() {
		// zdt.aws.* needs zdt-aws's auto-configuration: ZdtAwsBooleanPropertiesTests.
		return ConfigurationMetadataCheck.load()
			.booleanNames()
			.stream()
			.filter((name) -> !name.startsWith("zdt.aws."))
			.toList();
	}

	static void assertFailsNaming(AssertableApplicationContext context, String name) {
		assertThat(context).getFailure().satisfies((failure) -> {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(name, "true or false");
		});
	}

}
