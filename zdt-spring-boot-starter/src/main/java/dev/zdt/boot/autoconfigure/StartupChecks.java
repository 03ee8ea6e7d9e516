package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.zdt.core.ShutdownBudget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Warns at startup about setups in which the drain cannot protect requests: a budget that
 * kubelet's SIGKILL would cut, an immediate server shutdown, a deregistration delay
 * shorter than the drain plus shutdown. The rule is the {@link ShutdownBudget}'s (README,
 * "Shutdown budget").
 */
final class StartupChecks implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupChecks.class);

	private final ShutdownBudget budget;

	private final @Nullable Duration terminationGracePeriod;

	private final boolean immediateServerShutdown;

	private final Supplier<@Nullable Duration> deregistrationDelay;

	StartupChecks(ShutdownBudget budget, @Nullable Duration terminationGracePeriod, boolean immediateServerShutdown,
			Supplier<@Nullable Duration> deregistrationDelay) {
		this.budget = budget;
		this.terminationGracePeriod = terminationGracePeriod;
		this.immediateServerShutdown = immediateServerShutdown;
		this.deregistrationDelay = deregistrationDelay;
	}

	/**
	 * Returns whether {@code server.shutdown} is {@code immediate}. Bound here rather
	 * than through {@code ServerProperties}, which lives in a web server module the
	 * application may not have.
	 */
	static boolean immediateServerShutdown(Environment environment) {
		String shutdown = Binder.get(environment).bind("server.shutdown", String.class).orElse("graceful");
		return "immediate".equalsIgnoreCase(shutdown.trim());
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		warnings().forEach(logger::warn);
	}

	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		Duration maxHold = this.budget.maxHold();
		Duration shutdownTimeout = this.budget.phaseTimeout();
		Duration grace = this.terminationGracePeriod;
		if (grace != null && !this.budget.fitsGracePeriod(grace)) {
			Duration needed = this.budget.requiredGracePeriod();
			warnings.add(String.format("zdt: the shutdown may not fit the termination grace period: max hold %s "
					+ "+ spring.lifecycle.timeout-per-shutdown-phase %s%s + %s to exit = %s > zdt.termination-grace-period %s; "
					+ "kubelet would SIGKILL requests in flight. Raise terminationGracePeriodSeconds to at least %d, "
					+ "or lower zdt.drain.max-hold or the shutdown timeout.", seconds(maxHold),
					seconds(shutdownTimeout), resourceRelease(), seconds(ShutdownBudget.EXIT_MARGIN), seconds(needed),
					seconds(grace), (long) Math.ceil(needed.toMillis() / 1000.0)));
		}
		if (this.immediateServerShutdown) {
			warnings.add("zdt: server.shutdown=immediate: requests in flight when the hold ends will be cut. "
					+ "Remove it (graceful is the default) so they can finish.");
		}
		Duration deregistrationDelay = this.deregistrationDelay.get();
		if (deregistrationDelay != null && !this.budget.fitsDeregistrationDelay(deregistrationDelay)) {
			warnings.add(String.format(
					"zdt: the load balancer's deregistration delay %s is shorter than max hold %s "
							+ "+ shutdown timeout %s: it would cut requests still in flight. Raise "
							+ "deregistration_delay.timeout_seconds to at least %d.",
					seconds(deregistrationDelay), seconds(maxHold), seconds(shutdownTimeout),
					this.budget.requiredDeregistrationDelay().toSeconds()));
		}
		return warnings;
	}

	private String resourceRelease() {
		Duration release = this.budget.resourceRelease();
		return release.isZero() ? "" : " + Reactor Netty's shutdown quiet period " + seconds(release)
				+ " (spring.reactor.netty.shutdown-quiet-period)";
	}

	private static String seconds(Duration duration) {
		return String.format("%.3fs", duration.toNanos() / 1e9);
	}

}
