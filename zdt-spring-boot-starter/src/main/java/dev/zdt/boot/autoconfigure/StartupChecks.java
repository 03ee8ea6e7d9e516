package dev.zdt.boot.autoconfigure;


import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Warns at startup about setups in which the drain cannot protect requests: a budget that
 * kubelet's SIGKILL would cut, an immediate server shutdown, a deregistration delay shorter
 * than the drain plus shutdown.
 */
final class StartupChecks implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupChecks.class);

	/** Time for the JVM to exit after the graceful shutdown phase. */
	static final Duration EXIT_MARGIN = Duration.ofSeconds(2);

	private final ZdtProperties properties;

	private final ShutdownTimings timings;

	private final Supplier<@Nullable Duration> deregistrationDelay;

	StartupChecks(ZdtProperties properties, ShutdownTimings timings, Supplier<@Nullable Duration> deregistrationDelay) {
		this.properties = properties;
		this.timings = timings;
		this.deregistrationDelay = deregistrationDelay;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		warnings().forEach(logger::warn);
	}

	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		Duration maxHold = this.properties.getDrain().getMaxHold();
		Duration shutdownTimeout = this.timings.timeoutPerShutdownPhase();
		Duration needed = maxHold.plus(shutdownTimeout).plus(EXIT_MARGIN);
		Duration grace = this.properties.getTerminationGracePeriod();
		if (grace != null && needed.compareTo(grace) > 0) {
			warnings.add(String.format("zdt: the shutdown may not fit the termination grace period: max hold %s "
					+ "+ spring.lifecycle.timeout-per-shutdown-phase %s + %s to exit = %s > zdt.termination-grace-period %s; "
					+ "kubelet would SIGKILL requests in flight. Raise terminationGracePeriodSeconds to at least %d, "
					+ "or lower zdt.drain.max-hold or the shutdown timeout.", seconds(maxHold), seconds(shutdownTimeout),
					seconds(EXIT_MARGIN), seconds(needed), seconds(grace), (long) Math.ceil(needed.toMillis() / 1000.0)));
		}
		if (this.timings.immediateServerShutdown()) {
			warnings.add("zdt: server.shutdown=immediate: requests in flight when the hold ends will be cut. "
					+ "Remove it (graceful is the default) so they can finish.");
		}
		Duration deregistrationDelay = this.deregistrationDelay.get();
		if (deregistrationDelay != null && deregistrationDelay.compareTo(maxHold.plus(shutdownTimeout)) < 0) {
			warnings.add(String.format("zdt: the load balancer's deregistration delay %s is shorter than max hold %s "
					+ "+ shutdown timeout %s: it would cut requests still in flight. Raise "
					+ "deregistration_delay.timeout_seconds to at least %d.", seconds(deregistrationDelay),
					seconds(maxHold), seconds(shutdownTimeout), maxHold.plus(shutdownTimeout).toSeconds()));
		}
		return warnings;
	}

	private static String seconds(Duration duration) {
		return String.format("%.3fs", duration.toNanos() / 1e9);
	}

}
