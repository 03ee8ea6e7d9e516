package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.ShutdownPhase;
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
 * shorter than the drain plus shutdown. The rule is the {@link ShutdownBudget}'s
 * (docs/shutdown-budget.md), with every shutdown phase of the running lifecycle beans
 * ({@link LifecyclePhases}), read when the application is ready. Where the grace period
 * is only assumed (Kubernetes' default, {@link GracePeriodFit}), a budget that does not
 * fit it is said at INFO, not warned about: the user has not said otherwise.
 */
final class StartupChecks implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupChecks.class);

	private final ShutdownBudget budget;

	private final GracePeriodFit gracePeriod;

	private final boolean immediateServerShutdown;

	private final Supplier<@Nullable Duration> deregistrationDelay;

	private final Supplier<List<ShutdownPhase>> phases;

	StartupChecks(ShutdownBudget budget, GracePeriodFit gracePeriod, boolean immediateServerShutdown,
			Supplier<@Nullable Duration> deregistrationDelay, Supplier<List<ShutdownPhase>> phases) {
		this.budget = budget;
		this.gracePeriod = gracePeriod;
		this.phases = phases;
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
		String gracePeriod = gracePeriodCheck();
		if (gracePeriod != null && this.gracePeriod.assumed()) {
			logger.info(gracePeriod);
		}
		else if (gracePeriod != null) {
			logger.warn(gracePeriod);
		}
		otherWarnings().forEach(logger::warn);
	}

	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		String gracePeriod = gracePeriodCheck();
		if (gracePeriod != null && !this.gracePeriod.assumed()) {
			warnings.add(gracePeriod);
		}
		warnings.addAll(otherWarnings());
		return warnings;
	}

	/**
	 * Returns what to say when the shutdown, with every phase of the running lifecycle
	 * beans, may not end within the grace period.
	 */
	@Nullable String gracePeriodCheck() {
		Duration grace = this.gracePeriod.gracePeriod();
		if (grace == null) {
			return null;
		}
		ShutdownBudget budget = this.budget.withPhases(this.phases.get());
		if (budget.fitsGracePeriod(grace)) {
			return null;
		}
		Duration needed = budget.requiredGracePeriod();
		ShutdownPhase beyond = budget.firstPhaseBeyond(grace);
		StringBuilder steps = new StringBuilder("max hold " + seconds(budget.maxHold()));
		for (ShutdownPhase phase : budget.phases()) {
			steps.append(" + ").append(switch (phase.overlap()) {
				case NONE -> describe(phase);
				case HOLD -> describe(phase) + " beside the hold";
				case EARLIER_PHASE -> describe(phase.withTimeout(Duration.ZERO)) + " (its work awaited before it)";
			});
		}
		return String.format(
				"zdt: the shutdown may not fit the termination grace period: %s%s + %s to exit = %s > %s; "
						+ "%s. zdt cuts the phases that would run past it when it runs out. Raise "
						+ "terminationGracePeriodSeconds (and %s) to at least %d, or lower zdt.drain.max-hold or the "
						+ "phases' timeouts (spring.lifecycle.timeout-per-shutdown-phase %s).",
				steps, resourceRelease(), seconds(ShutdownBudget.EXIT_MARGIN), seconds(needed),
				this.gracePeriod.describe(),
				(beyond != null) ? describe(beyond) + " does not fit: kubelet would SIGKILL it"
						: "the hold alone does not fit",
				GracePeriodFit.GRACE_PERIOD, (long) Math.ceil(needed.toMillis() / 1000.0),
				seconds(budget.phaseTimeout()));
	}

	private List<String> otherWarnings() {
		List<String> warnings = new ArrayList<>();
		Duration maxHold = this.budget.maxHold();
		Duration shutdownTimeout = this.budget.phaseTimeout();
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

	/**
	 * Names a phase for messages: its number, its beans and its timeout.
	 */
	static String describe(ShutdownPhase phase) {
		String beans = phase.beans().isEmpty() ? "" : " (" + String.join(", ", phase.beans()) + ")";
		return "phase " + phase.phase() + beans + " " + seconds(phase.timeout());
	}

	static String seconds(Duration duration) {
		return String.format("%.3fs", duration.toNanos() / 1e9);
	}

}
