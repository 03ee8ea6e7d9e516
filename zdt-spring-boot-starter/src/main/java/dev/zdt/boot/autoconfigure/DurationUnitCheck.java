package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationUnit;

/**
 * Refuses a {@code zdt.*} duration written as a bare number, such as
 * {@code zdt.drain.max-hold=30}: Spring Boot reads it as milliseconds, while the one zdt
 * property that names its own unit, {@code zdt.termination-grace-period}, reads it as
 * seconds like the pod spec, so a bare number would mean what the reader guesses. Zero
 * means the same in every unit and stays allowed. Checked while binding, because the
 * bound {@link Duration} no longer shows how it was written.
 */
final class DurationUnitCheck extends AbstractBindHandler {

	private static final ConfigurationPropertyName ZDT = ConfigurationPropertyName.of("zdt");

	private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+\\s*");

	private static final Pattern ZERO = Pattern.compile("\\s*[+-]?0+\\s*");

	DurationUnitCheck(BindHandler parent) {
		super(parent);
	}

	/**
	 * Returns the advisor that adds this check to the binding of every
	 * {@code @ConfigurationProperties} bean; it looks only at {@code zdt.*} durations.
	 * @return the advisor
	 */
	static ConfigurationPropertiesBindHandlerAdvisor advisor() {
		return DurationUnitCheck::new;
	}

	@Override
	public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			Object result) {
		if (result instanceof Duration && ZDT.isAncestorOf(name) && target.getAnnotation(DurationUnit.class) == null) {
			// Bound again as text to see the value after its placeholders were resolved.
			String written = context.getBinder().bind(name, Bindable.of(String.class)).orElse("");
			if (BARE_NUMBER.matcher(written).matches() && !ZERO.matcher(written).matches()) {
				String number = written.strip();
				throw new InvalidConfigurationPropertyValueException(name.toString(), written,
						"has no unit: Spring Boot would read it as milliseconds, while zdt.termination-grace-period "
								+ "reads a bare number as seconds; write the unit, e.g. " + number + "s or " + number
								+ "ms");
			}
		}
		return super.onSuccess(name, target, context, result);
	}

}
