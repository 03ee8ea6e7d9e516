package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration of the zdt drain. Validated once bound: a value that would make the drain
 * unsafe or meaningless fails startup with a message naming the property and the fix.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("zdt")
public class ZdtProperties implements InitializingBean {

	/**
	 * Whether to drain the application before it shuts down.
	 */
	private boolean enabled = true;

	/**
	 * Grace period of the pod (its terminationGracePeriodSeconds), to check at startup
	 * that the longest hold plus every shutdown phase fit in it, to fit zdt's default
	 * max-hold into it, and to end the shutdown phases before it runs out. When unset on
	 * Kubernetes, Kubernetes' default of 30s is assumed. A number without a unit is in
	 * seconds, as in the pod spec.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration terminationGracePeriod;

	private final Drain drain = new Drain();

	private final Traffic traffic = new Traffic();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Duration getTerminationGracePeriod() {
		return this.terminationGracePeriod;
	}

	public void setTerminationGracePeriod(@Nullable Duration terminationGracePeriod) {
		this.terminationGracePeriod = terminationGracePeriod;
	}

	public Drain getDrain() {
		return this.drain;
	}

	public Traffic getTraffic() {
		return this.traffic;
	}

	@Override
	public void afterPropertiesSet() {
		ZdtPropertiesValidator.validate(this);
	}

	/**
	 * How the hold ends.
	 *
	 * @since 0.1.0
	 */
	public enum Strategy {

		/**
		 * The load balancer's own view first when one is configured (AWS), else adaptive.
		 */
		AUTO,

		/**
		 * Hold for the fixed delay.
		 */
		FIXED,

		/**
		 * Hold until the application's own traffic has been quiet long enough.
		 */
		ADAPTIVE,

		/**
		 * Hold until the ALB reports the target draining (needs zdt-aws), or traffic is
		 * quiet.
		 */
		AWS_TARGET_HEALTH

	}

	/**
	 * Drain settings.
	 *
	 * @since 0.1.0
	 */
	public static class Drain {

		private static final Duration DEFAULT_DELAY = Duration.ofSeconds(20);

		private static final Duration DEFAULT_MIN_HOLD = Duration.ofSeconds(5);

		/**
		 * How the hold decides that the load balancer has stopped routing to this
		 * instance.
		 */
		private Strategy strategy = Strategy.AUTO;

		/**
		 * How long the fixed strategy holds. Defaults to 20s, or to max-hold when that is
		 * shorter.
		 */
		private @Nullable Duration delay;

		/**
		 * Shortest hold, whatever the strategy says. Defaults to 5s, or to max-hold when
		 * that is shorter, so that max-hold alone can shorten or skip the hold.
		 */
		private @Nullable Duration minHold;

		/**
		 * Longest hold, whatever the strategy says.
		 */
		private Duration maxHold = Duration.ofSeconds(30);

		/**
		 * How often the strategy is asked during the hold.
		 */
		private Duration checkInterval = Duration.ofMillis(100);

		/**
		 * Shared secret that calls to the drain and cancel operations must send in the
		 * X-Zdt-Token header, at least 16 printable ASCII characters and no pattern
		 * anyone can guess, such as one character repeated (e.g. 'openssl rand -hex 32').
		 * Surrounding whitespace, such as the newline of a file, is trimmed. When unset
		 * or empty, no token is needed.
		 */
		private @Nullable String token;

		/**
		 * How long after the hold has ended a drain that no shutdown has followed is
		 * undone, so that readiness comes back; 0 never undoes it.
		 */
		private Duration cancelAfter = Duration.ofMinutes(5);

		/**
		 * Whether clients are asked to close their connections while draining, so that
		 * keep-alive connections end cleanly instead of being reset at shutdown:
		 * 'Connection: close' on HTTP/1.x responses, GOAWAY on HTTP/2 connections, and
		 * idle keep-alive connections closed when the hold ends.
		 */
		private boolean connectionClose = true;

		/**
		 * Whether to hold in a test that Spring's TestContext framework runs (such as a
		 * SpringBootTest with a real server). When false, the drain there does not hold.
		 */
		private boolean holdInTests;

		private final Adaptive adaptive = new Adaptive();

		public Strategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(Strategy strategy) {
			this.strategy = strategy;
		}

		public Duration getDelay() {
			return (this.delay != null) ? this.delay : shorterOf(DEFAULT_DELAY, this.maxHold);
		}

		public void setDelay(@Nullable Duration delay) {
			this.delay = delay;
		}

		public Duration getMinHold() {
			return (this.minHold != null) ? this.minHold : shorterOf(DEFAULT_MIN_HOLD, this.maxHold);
		}

		public void setMinHold(@Nullable Duration minHold) {
			this.minHold = minHold;
		}

		public Duration getMaxHold() {
			return this.maxHold;
		}

		public void setMaxHold(Duration maxHold) {
			this.maxHold = maxHold;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			// Empty is what zdt.drain.token=${ZDT_DRAIN_TOKEN:} gives where the variable
			// is unset: no token.
			// A Secret made with --from-file carries the file's newline, which no header
			// can: trim. Only
			// whitespace stays as blank, which validation refuses.
			this.token = (token == null || token.isEmpty()) ? null : token.trim();
		}

		public Duration getCancelAfter() {
			return this.cancelAfter;
		}

		public void setCancelAfter(Duration cancelAfter) {
			this.cancelAfter = cancelAfter;
		}

		public boolean isConnectionClose() {
			return this.connectionClose;
		}

		public void setConnectionClose(boolean connectionClose) {
			this.connectionClose = connectionClose;
		}

		public boolean isHoldInTests() {
			return this.holdInTests;
		}

		public void setHoldInTests(boolean holdInTests) {
			this.holdInTests = holdInTests;
		}

		public Adaptive getAdaptive() {
			return this.adaptive;
		}

		// An unset delay or min-hold follows a shorter max-hold, so that max-hold alone
		// shortens or skips the hold.
		private static Duration shorterOf(Duration byDefault, Duration maxHold) {
			return (maxHold.compareTo(byDefault) < 0) ? maxHold : byDefault;
		}

	}

	/**
	 * Settings of the adaptive (traffic-quiet) strategy.
	 *
	 * @since 0.1.0
	 */
	public static class Adaptive {

		/**
		 * Shortest silence of application traffic that ends the hold, however high the
		 * traffic was.
		 */
		private Duration minQuiet = Duration.ofSeconds(1);

		/**
		 * Accepted chance that a silence is a random gap in traffic rather than the load
		 * balancer letting go; smaller waits longer.
		 */
		private double falseReleaseProbability = 1e-6;

		public Duration getMinQuiet() {
			return this.minQuiet;
		}

		public void setMinQuiet(Duration minQuiet) {
			this.minQuiet = minQuiet;
		}

		public double getFalseReleaseProbability() {
			return this.falseReleaseProbability;
		}

		public void setFalseReleaseProbability(double falseReleaseProbability) {
			this.falseReleaseProbability = falseReleaseProbability;
		}

	}

	/**
	 * Which requests count as application traffic.
	 *
	 * @since 0.1.0
	 */
	public static class Traffic {

		/**
		 * Comma-separated list of path patterns (Ant style) of requests that are not
		 * application traffic, in addition to the actuator base path when it is served on
		 * the application port.
		 */
		private List<String> excludedPaths = new ArrayList<>();

		/**
		 * Comma-separated list of User-Agent prefixes of requests that are not
		 * application traffic: probes and health checks.
		 */
		private List<String> excludedUserAgents = new ArrayList<>(
				List.of("kube-probe/", "ELB-HealthChecker/", "kube-lifecycle/"));

		public List<String> getExcludedPaths() {
			return this.excludedPaths;
		}

		public void setExcludedPaths(List<String> excludedPaths) {
			this.excludedPaths = excludedPaths;
		}

		public List<String> getExcludedUserAgents() {
			return this.excludedUserAgents;
		}

		public void setExcludedUserAgents(List<String> excludedUserAgents) {
			this.excludedUserAgents = excludedUserAgents;
		}

	}

}
