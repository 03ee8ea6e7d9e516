package dev.zdt.boot.aws.autoconfigure;

import java.util.Map;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the application runs in Kubernetes is Spring Boot's answer
 * ({@code CloudPlatform.KUBERNETES}): detected from the service variables kubelet puts in
 * every container's environment, and overridden by {@code spring.main.cloud-platform}.
 */
class KubernetesDetectionTests {

	private static final Map<String, Object> IN_A_POD = Map.of("KUBERNETES_SERVICE_HOST", "10.100.0.1",
			"KUBERNETES_SERVICE_PORT", "443");

	// A region known without a network call, no target groups: only Kubernetes turns the
	// strategy on.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAwsAutoConfiguration.class, ZdtAutoConfiguration.class))
		.withSystemProperties("aws.disableEc2Metadata=true", "aws.configFile=/nonexistent/zdt/config",
				"aws.sharedCredentialsFile=/nonexistent/zdt/credentials")
		.withPropertyValues("zdt.aws.region=eu-west-1", "zdt.aws.kubernetes-discovery=false",
				"zdt.aws.target-ip=192.0.2.80");

	@Test
	void appliesInAPodAsSpringBootDetectsIt() {
		this.contextRunner.withInitializer(systemEnvironment(IN_A_POD))
			.run((context) -> assertThat(context).hasSingleBean(AwsTargetHealthStrategySupplier.class));
	}

	@Test
	void cloudPlatformNoneTurnsTheDetectionOffInAPod() {
		this.contextRunner.withInitializer(systemEnvironment(IN_A_POD))
			.withPropertyValues("spring.main.cloud-platform=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LoadBalancerHoldStrategySupplier.class));
	}

	@Test
	void cloudPlatformKubernetesAppliesOutsideAPod() {
		this.contextRunner.withInitializer(systemEnvironment(Map.of()))
			.withPropertyValues("spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).hasSingleBean(AwsTargetHealthStrategySupplier.class));
	}

	@Test
	void backsOffOutsideAPod() {
		this.contextRunner.withInitializer(systemEnvironment(Map.of()))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LoadBalancerHoldStrategySupplier.class));
	}

	/** Replaces the machine's environment variables with the given ones. */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> systemEnvironment(
			Map<String, Object> variables) {
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(name, new SystemEnvironmentPropertySource(name, variables));
	}

}
