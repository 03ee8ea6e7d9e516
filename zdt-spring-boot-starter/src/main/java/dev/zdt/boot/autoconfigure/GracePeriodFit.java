package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.hold.HoldBounds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fits zdt's own default hold into the grace period before SIGKILL: where the default max
 * hold with the web server's graceful shutdown, the resource release and the exit would
 * not end in time ({@link ShutdownBudget#fittedMaxHold}), the hold is shortened and that
 * is said at startup in one line. A {@code zdt.drain.max-hold} the user set is never
 * changed, only warned about ({@link StartupChecks}); nor is the hold made shorter than a
 * {@code zdt.drain.min-hold} the user set.
 * <p>
 * Where {@code zdt.termination-grace-period} is unset and the application runs on
 * Kubernetes, Kubernetes' default grace period (30 s) is assumed, so that an application
 * that sets nothing is not SIGKILLed because of zdt's default hold; the phases after the
 * hold are held to what is left of the grace period at run time ({@link PhaseDeadline}).
 * Elsewhere the platform's deadline is not known (Docker's is 10 s, systemd's 90 s) and
 * nothing is assumed.
 */
final class GracePeriodFit {

	/** Kubernetes' default {@code terminationGracePeriodSeconds}. */
	static final Duration KUBERNETES_DEFAULT = Duration.ofSeconds(30);

	static final String MAX_HOLD = "zdt.drain.max-hold";

	static final String MIN_HOLD = "zdt.drain.min-hold";

	static final String GRACE_PERIOD = "zdt.termination-grace-period";

	private static final Log logger = LogFactory.getLog(GracePeriodFit.class);

	private final @Nullable Duration gracePeriod;

	private final boolean assumed;

	private GracePeriodFit(@Nullable Duration gracePeriod, boolean assumed) {
		this.gracePeriod = gracePeriod;
		this.assumed = assumed;
	}

	/**
	 * Returns the grace period zdt plans the shutdown for: the one configured, else
	 * Kubernetes' default on Kubernetes, else none.
	 */
	static GracePeriodFit of(@Nullable Duration configured, Environment environment) {
		if (configured != null) {
			return new GracePeriodFit(configured, false);
		}
		return CloudPlatform.KUBERNETES.isActive(environment) ? new GracePeriodFit(KUBERNETES_DEFAULT, true)
				: new GracePeriodFit(null, false);
	}

	@Nullable Duration gracePeriod() {
		return this.gracePeriod;
	}

	boolean assumed() {
		return this.assumed;
	}

	/**
	 * Says where the grace period comes from, for messages.
	 */
	String describe() {
		return GRACE_PERIOD + " " + ((this.gracePeriod != null) ? StartupChecks.seconds(this.gracePeriod) : "unset")
				+ (this.assumed ? " (unset: Kubernetes' default assumed)" : "");
	}

	/**
	 * Returns the hold bounds, with a default max hold shortened to fit the grace period.
	 * @param bounds the bounds from the properties
	 * @param budget the budget with those bounds, whose phases are not known yet
	 * @param environment where to tell whether the user set the holds
	 * @return the bounds to hold with
	 */
	HoldBounds fit(HoldBounds bounds, ShutdownBudget budget, Environment environment) {
		Duration grace = this.gracePeriod;
		if (grace == null) {
			return bounds;
		}
		Duration fitted = budget.fittedMaxHold(grace);
		if (fitted.compareTo(bounds.maxHold()) >= 0 || isSet(environment, MAX_HOLD)) {
			return bounds;
		}
		boolean minHoldSet = isSet(environment, MIN_HOLD);
		if (minHoldSet && fitted.compareTo(bounds.minHold()) < 0) {
			fitted = bounds.minHold();
		}
		Duration minHold = (minHoldSet || bounds.minHold().compareTo(fitted) <= 0) ? bounds.minHold() : fitted;
		logger.info(String.format(
				"zdt: %s fitted to %s (its default is %s) so that the shutdown ends before SIGKILL: %s leaves %s "
						+ "for the hold and the shutdown phases after it (spring.lifecycle.timeout-per-shutdown-phase "
						+ "%s), and phases that would run past it are cut when it runs out. Set %s%s to choose.",
				MAX_HOLD, StartupChecks.seconds(fitted), StartupChecks.seconds(bounds.maxHold()), describe(),
				StartupChecks.seconds(grace.minus(budget.resourceRelease()).minus(ShutdownBudget.EXIT_MARGIN)),
				StartupChecks.seconds(budget.phaseTimeout()),
				this.assumed ? GRACE_PERIOD + " to the pod's terminationGracePeriodSeconds, or " : "", MAX_HOLD));
		return new HoldBounds(minHold, fitted, bounds.checkInterval());
	}

	private static boolean isSet(Environment environment, String property) {
		return Binder.get(environment).bind(property, String.class).isBound();
	}

}
