package dev.zdt.core;

import java.time.Duration;
import java.util.Objects;

import dev.zdt.core.hold.HoldBounds;
import org.jspecify.annotations.Nullable;

/**
 * How long a shutdown with a drain lasts at most, and what that asks of the platform.
 * Shutdown runs in three steps, each bounded:
 * <ol>
 * <li>the hold: at most {@link #maxHold()}; a caller of
 * {@link DrainCoordinator#drain(DrainTrigger)} is released at most {@link #WAIT_MARGIN}
 * later even if the hold is stuck ({@link #longestDrainWait()});</li>
 * <li>the web server's graceful shutdown: at most {@link #phaseTimeout()}
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}), shortened to what is left of the
 * load balancer's deregistration delay when that is known ({@link #inFlightWait});</li>
 * <li>the release of the web server's resources: {@link #resourceRelease()}, e.g. Reactor
 * Netty's event loops wait a quiet period (2 s by default) before they stop;</li>
 * <li>the exit of the JVM: {@link #EXIT_MARGIN}.</li>
 * </ol>
 * Hence the rule: the grace period before SIGKILL must be at least max hold + phase
 * timeout + resource release + {@link #EXIT_MARGIN} ({@link #requiredGracePeriod()}), and
 * the load balancer's deregistration delay at least max hold + phase timeout
 * ({@link #requiredDeregistrationDelay()}), since it cuts the connections still open when
 * it runs out. The shutdown phase that waits for the hold is given
 * {@link #holdPhaseTimeout()}, so that it is never abandoned before the coordinator
 * releases it.
 *
 * @param maxHold the longest hold
 * @param phaseTimeout the longest wait of a shutdown phase, such as the web server's
 * graceful shutdown waiting for requests in flight
 * @param resourceRelease how long the web server's resources take to release after its
 * graceful shutdown, before the JVM can exit
 * @since 0.1.0
 */
public record ShutdownBudget(Duration maxHold, Duration phaseTimeout, Duration resourceRelease) {

	/**
	 * How long past the maximum hold a caller of
	 * {@link DrainCoordinator#drain(DrainTrigger)} waits at most for a hold that does not
	 * end.
	 */
	public static final Duration WAIT_MARGIN = Duration.ofSeconds(2);

	/**
	 * How much longer than the maximum hold the shutdown phase that waits for the hold
	 * may last: more than {@link #WAIT_MARGIN}, so that the coordinator, not the phase
	 * timeout, ends the wait.
	 */
	public static final Duration HOLD_PHASE_MARGIN = Duration.ofSeconds(5);

	/** Time for the JVM to exit after the graceful shutdown phase. */
	public static final Duration EXIT_MARGIN = Duration.ofSeconds(2);

	/**
	 * Checks the durations.
	 * @param maxHold the longest hold
	 * @param phaseTimeout the longest wait of a shutdown phase
	 * @param resourceRelease how long the web server's resources take to release
	 */
	public ShutdownBudget {
		requireNotNegative(maxHold, "maxHold");
		requireNotNegative(phaseTimeout, "phaseTimeout");
		requireNotNegative(resourceRelease, "resourceRelease");
	}

	/**
	 * Creates the budget of a web server whose resources release at once.
	 * @param maxHold the longest hold
	 * @param phaseTimeout the longest wait of a shutdown phase
	 */
	public ShutdownBudget(Duration maxHold, Duration phaseTimeout) {
		this(maxHold, phaseTimeout, Duration.ZERO);
	}

	/**
	 * Returns the budget of a drain with the given bounds, such as a coordinator's
	 * {@link DrainCoordinator#bounds()}.
	 * @param bounds the bounds of the hold
	 * @param phaseTimeout the longest wait of a shutdown phase
	 * @return the budget
	 */
	public static ShutdownBudget of(HoldBounds bounds, Duration phaseTimeout) {
		return new ShutdownBudget(bounds.maxHold(), phaseTimeout);
	}

	/**
	 * Returns this budget with the time the web server's resources take to release.
	 * @param resourceRelease how long the release takes
	 * @return a new budget
	 */
	public ShutdownBudget withResourceRelease(Duration resourceRelease) {
		return new ShutdownBudget(this.maxHold, this.phaseTimeout, resourceRelease);
	}

	/**
	 * Returns how long a caller of {@link DrainCoordinator#drain(DrainTrigger)} waits at
	 * most.
	 * @return max hold + {@link #WAIT_MARGIN}
	 */
	public Duration longestDrainWait() {
		return this.maxHold.plus(WAIT_MARGIN);
	}

	/**
	 * Returns the timeout of the shutdown phase that waits for the hold: room for the
	 * longest hold, and never less than the phase timeout every other phase has.
	 * @return the larger of max hold + {@link #HOLD_PHASE_MARGIN} and the phase timeout
	 */
	public Duration holdPhaseTimeout() {
		Duration forHold = this.maxHold.plus(HOLD_PHASE_MARGIN);
		return (forHold.compareTo(this.phaseTimeout) > 0) ? forHold : this.phaseTimeout;
	}

	/**
	 * Returns the shortest grace period (Kubernetes'
	 * {@code terminationGracePeriodSeconds}, counted from the start of the preStop hook)
	 * in which the shutdown ends before SIGKILL.
	 * @return max hold + phase timeout + resource release + {@link #EXIT_MARGIN}
	 */
	public Duration requiredGracePeriod() {
		return this.maxHold.plus(this.phaseTimeout).plus(this.resourceRelease).plus(EXIT_MARGIN);
	}

	/**
	 * Returns whether the shutdown ends within the given grace period.
	 * @param gracePeriod the grace period
	 * @return whether it is at least {@link #requiredGracePeriod()}
	 */
	public boolean fitsGracePeriod(Duration gracePeriod) {
		return gracePeriod.compareTo(requiredGracePeriod()) >= 0;
	}

	/**
	 * Returns the shortest deregistration delay of the load balancer that lets the
	 * longest hold and the longest wait for requests in flight pass before it cuts
	 * connections.
	 * @return max hold + phase timeout
	 */
	public Duration requiredDeregistrationDelay() {
		return this.maxHold.plus(this.phaseTimeout);
	}

	/**
	 * Returns whether the given deregistration delay lets the shutdown finish its
	 * requests.
	 * @param deregistrationDelay the load balancer's deregistration delay
	 * @return whether it is at least {@link #requiredDeregistrationDelay()}
	 */
	public boolean fitsDeregistrationDelay(Duration deregistrationDelay) {
		return deregistrationDelay.compareTo(requiredDeregistrationDelay()) >= 0;
	}

	/**
	 * Returns how long the graceful shutdown may still wait for requests in flight once a
	 * hold has ended: the phase timeout, or what is left of the load balancer's
	 * deregistration delay if that is shorter, since the load balancer cuts the
	 * connections when it runs out. The delay runs from when the load balancer was seen
	 * draining the instance; when that time is unknown (the hold ended on other evidence)
	 * the phase timeout applies, since counting from the start of the hold would cut
	 * requests that the load balancer still lets finish.
	 * @param held how long the hold lasted
	 * @param drainingSeenAt when, counted from the start of the hold, the load balancer
	 * was first seen draining the instance, or {@code null} when it was not
	 * @param deregistrationDelay the load balancer's deregistration delay, or
	 * {@code null} when unknown
	 * @return the wait left, between zero and the phase timeout
	 */
	public Duration inFlightWait(Duration held, @Nullable Duration drainingSeenAt,
			@Nullable Duration deregistrationDelay) {
		if (deregistrationDelay == null || drainingSeenAt == null) {
			return this.phaseTimeout;
		}
		Duration drainingFor = held.minus(drainingSeenAt);
		Duration left = deregistrationDelay.minus(drainingFor.isNegative() ? Duration.ZERO : drainingFor);
		if (left.isNegative()) {
			return Duration.ZERO;
		}
		return (left.compareTo(this.phaseTimeout) < 0) ? left : this.phaseTimeout;
	}

	private static void requireNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + duration);
		}
	}

}
