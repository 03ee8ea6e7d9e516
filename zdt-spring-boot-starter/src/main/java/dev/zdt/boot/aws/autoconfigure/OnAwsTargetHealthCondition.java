package dev.zdt.boot.aws.autoconfigure;

import java.util.List;

import dev.zdt.boot.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.boot.internal.BooleanProperties;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the AWS target health should be asked: {@code zdt.aws.enabled=true}; or,
 * when unset, target group ARNs or an endpoint are configured, or the application runs in
 * Kubernetes ({@link CloudPlatform#KUBERNETES}, which {@code spring.main.cloud-platform}
 * overrides) with an AWS region known without a network call. So an application with
 * zdt-aws on the classpath starts as usual on a laptop.
 * <p>
 * Fails startup when a boolean {@code zdt.aws.*} property is not {@code true} or
 * {@code false}. Ordered before {@link ConditionalOnZdtEnabled} so that this holds with
 * zdt off too, as it does for the starter's own booleans.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
final class OnAwsTargetHealthCondition extends SpringBootCondition {

	private static final String ENABLED = "zdt.aws.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("AWS target health");
		Environment environment = context.getEnvironment();
		Boolean enabled = BooleanProperties.read(environment, ENABLED);
		BooleanProperties.read(environment, "zdt.aws.kubernetes-discovery");
		if (enabled != null) {
			return enabled ? ConditionOutcome.match(message.because("zdt.aws.enabled is true"))
					: ConditionOutcome.noMatch(message.because("zdt.aws.enabled is false"));
		}
		List<String> arns = Binder.get(environment)
			.bind("zdt.aws.target-group-arns", Bindable.listOf(String.class))
			.orElse(List.of());
		if (!arns.isEmpty()) {
			return ConditionOutcome.match(message.because("zdt.aws.target-group-arns is set"));
		}
		if (StringUtils.hasText(environment.getProperty("zdt.aws.endpoint"))) {
			return ConditionOutcome.match(message.because("zdt.aws.endpoint is set"));
		}
		if (!CloudPlatform.KUBERNETES.isActive(environment)) {
			return ConditionOutcome.noMatch(message.because("the application does not run in Kubernetes "
					+ "(see spring.main.cloud-platform) and neither zdt.aws.target-group-arns nor zdt.aws.endpoint is set"));
		}
		String region = AwsRegions.withoutNetwork(environment);
		if (region == null) {
			return ConditionOutcome.noMatch(message.because("no AWS region is known: set zdt.aws.region or AWS_REGION, "
					+ "or zdt.aws.enabled=true to ask the instance metadata"));
		}
		return ConditionOutcome.match(message.because("the application runs in Kubernetes, AWS region " + region));
	}

}
