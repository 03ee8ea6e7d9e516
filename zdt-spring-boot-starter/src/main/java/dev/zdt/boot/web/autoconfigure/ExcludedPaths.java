package dev.zdt.boot.web.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.zdt.boot.autoconfigure.ZdtProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The paths that are not application traffic, for both web stacks: the configured ones
 * and actuator's on the application port.
 */
final class ExcludedPaths {

	private static final String MANAGEMENT_BASE_PATH = "management.endpoints.web.base-path";

	private ExcludedPaths() {
	}

	/**
	 * Returns {@code zdt.traffic.excluded-paths} and actuator's base path under
	 * {@code dispatcherPath}.
	 * @param dispatcherPath the path of the dispatcher within the application (Spring
	 * MVC's servlet path), or "" when it serves the whole application
	 */
	static List<String> of(ZdtProperties properties, Environment environment, String dispatcherPath) {
		List<String> paths = new ArrayList<>(properties.getTraffic().getExcludedPaths());
		Binder binder = Binder.get(environment);
		String basePath = trimSlashes(binder.bind(MANAGEMENT_BASE_PATH, String.class).orElse("/actuator"));
		String actuator = trimSlashes(dispatcherPath) + basePath;
		if (!actuator.isEmpty()) {
			paths.add(actuator);
			paths.add(actuator + "/**");
		}
		return paths;
	}

	/**
	 * Returns {@code /a/b} for {@code a/b/}, {@code /a/b} or {@code /a/b/*}, and "" for
	 * {@code /}.
	 */
	private static String trimSlashes(String path) {
		String trimmed = path.trim();
		if (trimmed.endsWith("/*")) {
			trimmed = trimmed.substring(0, trimmed.length() - 2);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return (trimmed.isEmpty() || trimmed.startsWith("/")) ? trimmed : "/" + trimmed;
	}

}
