package dev.zdt.boot.aws.autoconfigure;

import java.time.Duration;
import java.util.function.IntSupplier;

import dev.zdt.boot.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.aws.DiscoveryException;
import dev.zdt.aws.KubernetesTargetGroupDiscovery;
import dev.zdt.aws.TargetGroupSource;
import dev.zdt.aws.TargetHealthStrategy;
import dev.zdt.boot.lifecycle.CommonsLoggingSystemLogger;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2ClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the AWS target health hold strategy: an
 * {@link ElasticLoadBalancingV2Client} (unless the application has one) and a
 * {@link LoadBalancerHoldStrategySupplier} that {@code zdt.drain.strategy=auto} asks
 * first.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = ZdtAutoConfiguration.class)
@ConditionalOnClass({ TargetHealthStrategy.class, ElasticLoadBalancingV2Client.class })
@ConditionalOnZdtEnabled
@Conditional(OnAwsTargetHealthCondition.class)
@EnableConfigurationProperties(ZdtAwsProperties.class)
public final class ZdtAwsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ElasticLoadBalancingV2Client zdtElasticLoadBalancingV2Client(ZdtAwsProperties properties, Environment environment,
			ObjectProvider<ElasticLoadBalancingV2ClientBuilderCustomizer> customizers) {
		ElasticLoadBalancingV2ClientBuilder builder = ElasticLoadBalancingV2Client.builder()
			.region(AwsRegions.required(environment))
			.httpClientBuilder(UrlConnectionHttpClient.builder()
				.connectionTimeout(properties.getApiCallAttemptTimeout())
				.socketTimeout(properties.getApiCallAttemptTimeout()))
			.overrideConfiguration((configuration) -> configuration.apiCallTimeout(properties.getApiCallTimeout())
				.apiCallAttemptTimeout(properties.getApiCallAttemptTimeout()));
		if (properties.getEndpoint() != null) {
			builder.endpointOverride(properties.getEndpoint());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	TargetGroupSource zdtAwsTargetGroupSource(ZdtAwsProperties properties, Environment environment) {
		if (!properties.getTargetGroupArns().isEmpty()) {
			return TargetGroupSource.of(properties.getTargetGroupArns().stream().map(String::trim).toList());
		}
		if (properties.isKubernetesDiscovery()) {
			return KubernetesTargetGroupDiscovery.builder(environment::getProperty)
				.podName(properties.getPodName())
				.timeout(properties.getApiCallTimeout())
				.build();
		}
		return () -> {
			throw new DiscoveryException("no target group is configured and the Kubernetes discovery is off",
					"set zdt.aws.target-group-arns or zdt.aws.kubernetes-discovery=true", true, null);
		};
	}

	@Bean
	@ConditionalOnMissingBean(LoadBalancerHoldStrategySupplier.class)
	AwsTargetHealthStrategySupplier zdtAwsTargetHealthStrategySupplier(ElasticLoadBalancingV2Client client,
			TargetGroupSource targetGroups, ZdtAwsProperties properties, Environment environment) {
		TargetHealthStrategy strategy = TargetHealthStrategy.builder(client, targetGroups)
			.targetIp(StringUtils.hasText(properties.getTargetIp()) ? properties.getTargetIp()
					: environment.getProperty("POD_IP"))
			.targetPort(targetPort(properties, environment))
			.pollInterval(properties.getPollInterval())
			.firstPollDelay(properties.getFirstPollDelay())
			.maxPollsPerHold(properties.getMaxPollsPerHold())
			.throttleRetries(properties.getThrottleRetries())
			.propagationMargin(properties.getPropagationMargin())
			.callTimeouts(properties.getApiCallTimeout(), properties.getApiCallAttemptTimeout())
			.logger(CommonsLoggingSystemLogger.named(TargetHealthStrategy.class.getName()))
			.build();
		strategy.prepare();
		// The startup budget check waits for the deregistration delay: at most one
		// discovery and one ELBv2 call, each bounded by the call time-out.
		Duration startupWait = properties.getApiCallTimeout().multipliedBy(2).plusSeconds(1);
		return new AwsTargetHealthStrategySupplier(strategy, startupWait);
	}

	/**
	 * The port the ALB routes to: {@code zdt.aws.target-port}, else the port the web
	 * server listens on once started, else {@code server.port}, else 8080. Asked at each
	 * check.
	 */
	private static IntSupplier targetPort(ZdtAwsProperties properties, Environment environment) {
		Integer configured = properties.getTargetPort();
		if (configured != null) {
			return () -> configured;
		}
		return () -> {
			Integer local = environment.getProperty("local.server.port", Integer.class);
			if (local != null && local > 0) {
				return local;
			}
			Integer server = environment.getProperty("server.port", Integer.class);
			return (server != null && server > 0) ? server : 8080;
		};
	}

}
