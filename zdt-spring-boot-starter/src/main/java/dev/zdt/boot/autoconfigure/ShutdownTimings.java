package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The shutdown settings of Spring Boot that the drain must fit with.
 *
 * @param timeoutPerShutdownPhase {@code spring.lifecycle.timeout-per-shutdown-phase}
 * @param serverShutdown {@code server.shutdown}
 */
record ShutdownTimings(Duration timeoutPerShutdownPhase, String serverShutdown) {

	/** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	static final Duration DEFAULT_TIMEOUT_PER_SHUTDOWN_PHASE = Duration.ofSeconds(30);

	static ShutdownTimings from(Environment environment) {
		Binder binder = Binder.get(environment);
		Duration timeout = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_TIMEOUT_PER_SHUTDOWN_PHASE);
		String shutdown = binder.bind("server.shutdown", String.class).orElse("graceful");
		return new ShutdownTimings(timeout, shutdown);
	}

	boolean immediateServerShutdown() {
		return "immediate".equalsIgnoreCase(this.serverShutdown.trim());
	}

}
