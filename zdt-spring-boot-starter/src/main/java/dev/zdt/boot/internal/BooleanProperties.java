package dev.zdt.boot.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Reads the boolean {@code zdt.*} properties strictly: {@code true} or {@code false} in
 * any case, surrounding whitespace ignored (as Spring Boot's binder reads them), and
 * nothing else. Spring's conversion would also take {@code yes}, {@code on} and
 * {@code 1}, and {@code @ConditionalOnBooleanProperty} reads any value but {@code true}
 * as {@code false}, so a typo used to switch a feature off without a word. For zdt's own
 * modules.
 *
 * @since 0.1.0
 */
public final class BooleanProperties {

	private BooleanProperties() {
	}

	/**
	 * Reads a boolean property under any of its relaxed names, as binding does
	 * ({@code zdt.drain.connectionClose}, {@code ZDT_DRAIN_CONNECTIONCLOSE}).
	 * @param environment the environment
	 * @param name the property's canonical name, such as {@code zdt.enabled}
	 * @return the value, or {@code null} when the property is not set
	 * @throws InvalidConfigurationPropertyValueException when the value is not
	 * {@code true} or {@code false}
	 */
	public static @Nullable Boolean read(Environment environment, String name) {
		String value = Binder.get(environment).bind(name, String.class).orElse(null);
		if (value == null) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidConfigurationPropertyValueException(name, value,
					"must be true or false (any case); yes, on, 1 and other values are not read as booleans");
		};
	}

}
