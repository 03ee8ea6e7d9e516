package dev.zdt.boot.aws.autoconfigure;

import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2ClientBuilder;

/**
 * Customizes the builder of the {@code ElasticLoadBalancingV2Client} that zdt
 * auto-configures (credentials, proxy, metrics, ...). Applied in order after zdt's own
 * settings.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ElasticLoadBalancingV2ClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(ElasticLoadBalancingV2ClientBuilder builder);

}
