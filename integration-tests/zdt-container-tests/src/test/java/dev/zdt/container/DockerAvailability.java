package dev.zdt.container;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Decides what happens when there is no Docker: skip with the reason on a developer's
 * machine, fail in CI (environment variable {@code CI=true}), where {@code .ci/setup}
 * starts a daemon and the tests must run.
 */
final class DockerAvailability {

	private static final Logger logger = LoggerFactory.getLogger(DockerAvailability.class);

	private DockerAvailability() {
	}

	static void require() {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return;
		}
		String reason = "No Docker daemon is reachable (Testcontainers found no Docker environment; see its log above)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(reason + ". CI=true, so the container tests must run: .ci/setup starts dockerd.");
		}
		String skipped = reason + ": the container tests are skipped. Start Docker to run them.";
		logger.warn(skipped);
		Assumptions.abort(skipped);
	}

}
