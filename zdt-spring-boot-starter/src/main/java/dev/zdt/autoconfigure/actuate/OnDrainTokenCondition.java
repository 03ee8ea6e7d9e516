package dev.zdt.autoconfigure.actuate;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code zdt.drain.token} has a value. An empty value means no token, as unset
 * does, so that {@code zdt.drain.token=${ZDT_DRAIN_TOKEN:}} starts where the variable is not
 * set. Any other value is a token to enforce (even {@code false}, which
 * {@code @ConditionalOnProperty} would read as "off").
 */
final class OnDrainTokenCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("zdt drain token");
		String token = Binder.get(context.getEnvironment()).bind("zdt.drain.token", String.class).orElse("");
		return token.isEmpty() ? ConditionOutcome.noMatch(message.because("zdt.drain.token is not set or empty"))
				: ConditionOutcome.match(message.because("zdt.drain.token is set"));
	}

}
