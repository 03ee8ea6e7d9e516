package dev.zdt.lab.lb;

import java.time.Duration;

/**
 * How HAProxy checks a target, standing in for the target group's health check.
 * <p>
 * Checks run every {@code interval}; a new target takes traffic after {@code rise}
 * passing checks (the readiness gate), a serving target stops getting traffic after
 * {@code fall} failing ones. The ALB's minimum is an interval of 5 s with an unhealthy
 * threshold of 2 (the AWS Load Balancer Controller defaults to 15 s and 2), so a target
 * whose readiness flips is noticed only 10 to 30 s later. The defaults here check every
 * second but need 20 failures, keeping the rollout quick while failure detection stays as
 * slow as a real ALB's: if HAProxy noticed a flipped readiness within 2 s it would hide
 * the deregistration lag that this lab is about.
 * <p>
 * {@link #untilDeregistered()} goes further, like an ALB whose health checks are slower
 * than any deregistration: a target that stops passing keeps getting requests until the
 * load balancer controller drains it, whatever its readiness says.
 *
 * @param path the readiness URL path on the management port
 * @param interval time between checks
 * @param rise passing checks before a target is healthy
 * @param fall failing checks before a target is unhealthy
 * @author zdt
 */
public record HealthCheck(String path, Duration interval, int rise, int fall) {

	/**
	 * The readiness probe of Spring Boot.
	 */
	public static final String READINESS_PATH = "/actuator/health/readiness";

	/**
	 * Return the default health check: readiness, every second, healthy after 2,
	 * unhealthy after 20.
	 * @return the default health check
	 */
	public static HealthCheck defaults() {
		return new HealthCheck(READINESS_PATH, Duration.ofSeconds(1), 2, 20);
	}

	/**
	 * The unhealthy threshold of {@link #untilDeregistered()}: at one check a second, 11
	 * days.
	 */
	static final int NEVER_UNHEALTHY = 1_000_000;

	/**
	 * Return this health check with failing checks that never take a serving target out
	 * of rotation during a run: only the load balancer controller's deregistration
	 * (HAProxy {@code drain}) stops new requests, as with an ALB that keeps routing to a
	 * not-ready target until it is deregistered. New targets still need {@code rise}
	 * passing checks.
	 * @return a new health check
	 */
	public HealthCheck untilDeregistered() {
		return withFall(NEVER_UNHEALTHY);
	}

	/**
	 * Return whether only deregistration stops requests to a serving target.
	 * @return whether this is {@link #untilDeregistered()}
	 */
	public boolean routesUntilDeregistered() {
		return this.fall >= NEVER_UNHEALTHY;
	}

	/**
	 * Return a short description of when a failing target stops getting requests.
	 * @return e.g. {@code unhealthy after 20 s}
	 */
	public String describe() {
		return routesUntilDeregistered() ? "routes until deregistered"
				: "unhealthy after " + unhealthyAfter().toSeconds() + " s";
	}

	/**
	 * Return this health check with another unhealthy threshold.
	 * @param fall failing checks before a target is unhealthy
	 * @return a new health check
	 */
	public HealthCheck withFall(int fall) {
		return new HealthCheck(this.path, this.interval, this.rise, fall);
	}

	/**
	 * Return the time it takes to notice a target that stopped passing.
	 * @return interval times fall
	 */
	public Duration unhealthyAfter() {
		return this.interval.multipliedBy(this.fall);
	}

	String serverArguments(int checkPort) {
		long millis = this.interval.toMillis();
		return "check port " + checkPort + " inter " + millis + " fastinter " + millis + " downinter " + millis
				+ " rise " + this.rise + " fall " + this.fall;
	}

}
