package dev.zdt.boot.autoconfigure;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

/**
 * Tells whether the application runs on a platform that routes requests to it through a
 * load balancer or router: one of Spring Boot's {@link CloudPlatform}s (Kubernetes, Cloud
 * Foundry, Heroku, …; {@code spring.main.cloud-platform} decides when set), or Amazon
 * ECS, which Spring Boot does not detect: the ECS agent gives every container of a task,
 * on Fargate too, the task metadata endpoint's address.
 */
final class CloudPlatforms {

	private CloudPlatforms() {
	}

	static boolean detected(Environment environment) {
		CloudPlatform platform = CloudPlatform.getActive(environment);
		if (platform != null) {
			return platform != CloudPlatform.NONE;
		}
		return onEcs(environment);
	}

	private static boolean onEcs(Environment environment) {
		String execution = environment.getProperty("AWS_EXECUTION_ENV", "");
		return environment.containsProperty("ECS_CONTAINER_METADATA_URI_V4")
				|| environment.containsProperty("ECS_CONTAINER_METADATA_URI") || execution.startsWith("AWS_ECS_");
	}

}
