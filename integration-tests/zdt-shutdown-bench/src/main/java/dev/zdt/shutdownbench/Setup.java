package dev.zdt.shutdownbench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One row of the table: how the service is configured and how kubelet stops it.
 *
 * @param label the row's name
 * @param properties what the service is started with
 * @param preStop whether kubelet calls the preStop hook ({@code /actuator/zdt/drain})
 * before SIGTERM
 * @param gracePeriod the grace period before SIGKILL, counted from the preStop call or
 * SIGTERM
 * @param graceFromStartupCheck whether the grace period is what zdt's startup check asks
 * for, when it asks for more
 */
record Setup(String label, Map<String, String> properties, boolean preStop, Duration gracePeriod,
		boolean graceFromStartupCheck) {

	static final Duration KUBERNETES_DEFAULT_GRACE = Duration.ofSeconds(30);

	static List<Setup> all() {
		return List.of(
				new Setup("plain Spring Boot, grace 30 s, SIGTERM", Map.of("zdt.enabled", "false"), false,
						KUBERNETES_DEFAULT_GRACE, false),
				new Setup("zdt on defaults, grace 30 s, SIGTERM", Map.of(), false, KUBERNETES_DEFAULT_GRACE, false),
				new Setup("zdt on defaults, grace 30 s, preStop then SIGTERM", Map.of(), true, KUBERNETES_DEFAULT_GRACE,
						false),
				new Setup("zdt told the grace period (30 s), grace as its startup check asks, SIGTERM",
						Map.of("zdt.termination-grace-period", "30s"), false, KUBERNETES_DEFAULT_GRACE, true));
	}

}
