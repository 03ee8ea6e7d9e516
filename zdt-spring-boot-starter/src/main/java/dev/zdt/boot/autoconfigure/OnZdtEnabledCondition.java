package dev.zdt.boot.autoconfigure;

import java.util.List;

import dev.zdt.boot.internal.BooleanProperties;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnZdtEnabled}. It checks every boolean property of
 * the starter, not only {@code zdt.enabled}, because it is the one check that runs in
 * every application that has the starter.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
final class OnZdtEnabledCondition extends SpringBootCondition {

	static final String ENABLED = "zdt.enabled";

	/** Every boolean property of {@link ZdtProperties}. */
	static final List<String> BOOLEAN_PROPERTIES = List.of(ENABLED, "zdt.drain.connection-close",
			TestContextHold.HOLD_IN_TESTS);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		BOOLEAN_PROPERTIES.forEach((name) -> BooleanProperties.read(environment, name));
		Boolean enabled = BooleanProperties.read(environment, ENABLED);
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnZdtEnabled.class);
		if (Boolean.FALSE.equals(enabled)) {
			return ConditionOutcome.noMatch(message.because(ENABLED + " is false"));
		}
		return ConditionOutcome.match(message.because(ENABLED + ((enabled != null) ? " is true" : " is not set")));
	}

}
