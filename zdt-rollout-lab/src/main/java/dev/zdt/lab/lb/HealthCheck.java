package dev.zdt.lab.lb;

import java.time.Duration;

/**
 * How HAProxy checks a target, standing in for the target group's health check.
 * <p>
 * Checks run every {@code interval}; a new target takes traffic after {@code rise} passing checks (the
 * readiness gate), a serving target stops getting traffic after {@code fall} failing ones. The ALB's
 * minimum is an interval of 5 s with an unhealthy threshold of 2 (the AWS Load Balancer Controller
 * defaults to 15 s and 2), so a target whose readiness flips is noticed only 10 to 30 s later. The
 * defaults here check every second but need 20 failures, keeping the rollout quick while failure
 * detection stays as slow as a real ALB's: if HAProxy noticed a flipped readiness within 2 s it would
 * hide the deregistration lag that this lab is about.
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
	 * Return the default health check: readiness, every second, healthy after 2, unhealthy after 20.
	 * @return the default health check
	 */
	public static HealthCheck defaults() {
		return new HealthCheck(READINESS_PATH, Duration.ofSeconds(1), 2, 20);
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
