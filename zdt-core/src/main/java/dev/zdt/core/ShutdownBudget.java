package dev.zdt.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.zdt.core.hold.HoldBounds;
import org.jspecify.annotations.Nullable;

/**
 * How long a shutdown with a drain lasts at most, and what that asks of the platform.
 * Shutdown runs in these steps, each bounded:
 * <ol>
 * <li>the hold: at most {@link #maxHold()}; a caller of
 * {@link DrainCoordinator#drain(DrainTrigger)} is released at most {@link #WAIT_MARGIN}
 * later even if the hold is stuck ({@link #longestDrainWait()});</li>
 * <li>the {@linkplain #phases() shutdown phases}, one after another, each at most its
 * timeout: among them the web server's graceful shutdown, at most {@link #phaseTimeout()}
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}), shortened to what is left of the
 * load balancer's deregistration delay when that is known ({@link #inFlightWait}). A
 * phase whose work {@linkplain ShutdownPhase.Overlap#HOLD begins its stop when the drain
 * starts} overlaps the hold: it counts max(hold, its timeout), not their sum; one whose
 * work {@linkplain ShutdownPhase.Overlap#EARLIER_PHASE the participants awaited in an
 * earlier phase} counts nothing;</li>
 * <li>the release of the web server's resources: {@link #resourceRelease()}, e.g. Reactor
 * Netty's event loops wait a quiet period (2 s by default) before they stop;</li>
 * <li>the exit of the JVM: {@link #EXIT_MARGIN}.</li>
 * </ol>
 * Hence the rule: the grace period before SIGKILL must be at least max hold + every phase
 * + resource release + {@link #EXIT_MARGIN} ({@link #requiredGracePeriod()}), and the
 * load balancer's deregistration delay at least max hold + phase timeout
 * ({@link #requiredDeregistrationDelay()}), since it cuts the connections still open when
 * it runs out. Where the grace period is shorter, {@link #firstPhaseBeyond} names the
 * phase that does not fit, {@link #fittedMaxHold} the hold that fits, and
 * {@link #phaseCaps} how long each phase may still take once a hold has ended, so that
 * the process exits before SIGKILL. The shutdown phase that waits for the hold is given
 * {@link #holdPhaseTimeout()}, so that it is never abandoned before the coordinator
 * releases it.
 *
 * @param maxHold the longest hold
 * @param phaseTimeout the longest wait of a shutdown phase, such as the web server's
 * graceful shutdown waiting for requests in flight
 * @param resourceRelease how long the web server's resources take to release after its
 * graceful shutdown, before the JVM can exit
 * @param phases the shutdown phases that stop after the hold begins, in any order; when
 * they are not known, one: the web server's graceful shutdown with the phase timeout
 * @since 0.1.0
 */
public record ShutdownBudget(Duration maxHold, Duration phaseTimeout, Duration resourceRelease,
		List<ShutdownPhase> phases) {

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
	 * Checks the durations and sorts the phases in the order they stop.
	 * @param maxHold the longest hold
	 * @param phaseTimeout the longest wait of a shutdown phase
	 * @param resourceRelease how long the web server's resources take to release
	 * @param phases the shutdown phases
	 */
	public ShutdownBudget {
		requireNotNegative(maxHold, "maxHold");
		requireNotNegative(phaseTimeout, "phaseTimeout");
		requireNotNegative(resourceRelease, "resourceRelease");
		phases = Objects.requireNonNull(phases, "phases")
			.stream()
			.sorted(Comparator.comparingInt(ShutdownPhase::phase).reversed())
			.toList();
	}

	/**
	 * Creates the budget of an application whose shutdown phases are not known: one
	 * phase, the web server's graceful shutdown, with the phase timeout.
	 * @param maxHold the longest hold
	 * @param phaseTimeout the longest wait of a shutdown phase
	 * @param resourceRelease how long the web server's resources take to release
	 */
	public ShutdownBudget(Duration maxHold, Duration phaseTimeout, Duration resourceRelease) {
		this(maxHold, phaseTimeout, resourceRelease,
				List.of(ShutdownPhase.webServerGracefulShutdown(requireNotNegative(phaseTimeout, "phaseTimeout"))));
	}

	/**
	 * Creates the budget of a web server whose resources release at once, and whose
	 * shutdown phases are not known.
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
		return new ShutdownBudget(this.maxHold, this.phaseTimeout, resourceRelease, this.phases);
	}

	/**
	 * Returns this budget with the shutdown phases the application will run after the
	 * hold, such as the lifecycle phases of its running beans.
	 * @param phases the phases, in any order; none when nothing waits after the hold
	 * @return a new budget
	 */
	public ShutdownBudget withPhases(List<ShutdownPhase> phases) {
		return new ShutdownBudget(this.maxHold, this.phaseTimeout, this.resourceRelease, phases);
	}

	/**
	 * Returns this budget with another longest hold.
	 * @param maxHold the longest hold
	 * @return a new budget
	 */
	public ShutdownBudget withMaxHold(Duration maxHold) {
		return new ShutdownBudget(maxHold, this.phaseTimeout, this.resourceRelease, this.phases);
	}

	/**
	 * Returns how long a caller of {@link DrainCoordinator#drain(DrainTrigger)} waits at
	 * most.
	 * @return max hold + {@link #WAIT_MARGIN}
	 */
	public Duration longestDrainWait() {
		return longestDrainWait(this.maxHold);
	}

	/**
	 * Returns how long a caller of {@link DrainCoordinator#drain(DrainTrigger)} waits at
	 * most for a drain with the given maximum hold.
	 * @param maxHold the longest hold
	 * @return max hold + {@link #WAIT_MARGIN}
	 */
	public static Duration longestDrainWait(Duration maxHold) {
		return maxHold.plus(WAIT_MARGIN);
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
	 * @return max hold + every phase + resource release + {@link #EXIT_MARGIN}
	 */
	public Duration requiredGracePeriod() {
		return phasesEnd(this.maxHold).plus(this.resourceRelease).plus(EXIT_MARGIN);
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
	 * Returns the first phase, in the order they stop, that may still be running when the
	 * given grace period runs out (counting the resource release and the exit after it),
	 * when the hold lasts the longest.
	 * @param gracePeriod the grace period
	 * @return the phase, or {@code null} when every phase fits (the hold alone may not)
	 */
	public @Nullable ShutdownPhase firstPhaseBeyond(Duration gracePeriod) {
		Duration available = forHoldAndPhases(gracePeriod);
		Duration end = this.maxHold;
		for (ShutdownPhase phase : this.phases) {
			end = phase.endsAt(end, phase.timeout());
			if (end.compareTo(available) > 0) {
				return phase;
			}
		}
		return null;
	}

	/**
	 * Returns the longest hold, up to {@link #maxHold()}, with which the shutdown fits
	 * the given grace period. When the phases' timeouts leave the hold less than half of
	 * the time there is for the hold and the phases, the hold gets that half: no hold
	 * fits then, and the phases that would run past the grace period are cut at run time
	 * instead ({@link #phaseCaps}), since a hold too short for the load balancer to let
	 * go fails requests on every shutdown, where a phase seldom takes its whole timeout.
	 * @param gracePeriod the grace period
	 * @return the hold that fits, between zero and the max hold
	 */
	public Duration fittedMaxHold(Duration gracePeriod) {
		Duration available = forHoldAndPhases(gracePeriod);
		if (phasesEnd(this.maxHold).compareTo(available) <= 0) {
			return this.maxHold;
		}
		Duration half = available.dividedBy(2);
		Duration fitting = longestHoldEndingBy(available);
		Duration fitted = (fitting.compareTo(half) > 0) ? fitting : half;
		return (fitted.compareTo(this.maxHold) < 0) ? fitted : this.maxHold;
	}

	/**
	 * Returns how long each phase may take at most once a hold of the given length has
	 * ended, so that the shutdown ends within the grace period. The web server's graceful
	 * shutdown ({@link ShutdownPhase#WEB_SERVER_GRACEFUL_SHUTDOWN}, where requests in
	 * flight finish and the shutdown participants are awaited) is served first, since
	 * finishing them is what the drain is for; then the other phases in the order they
	 * stop, each keeping its timeout while there is time left, the later ones getting
	 * what is left. A phase whose work the participants awaited earlier
	 * ({@link ShutdownPhase.Overlap#EARLIER_PHASE}) gets at most what the others leave.
	 * @param gracePeriod the grace period, counted from the start of the drain
	 * @param held how long the hold lasted
	 * @return the phases whose timeout must be shortened, by phase number, in the order
	 * they stop, with the timeout each may have (zero when no time is left)
	 */
	public Map<Integer, Duration> phaseCaps(Duration gracePeriod, Duration held) {
		Duration left = forHoldAndPhases(gracePeriod).minus(held);
		Map<Integer, Duration> capped = new HashMap<>();
		List<ShutdownPhase> awaitedEarlier = new ArrayList<>();
		for (ShutdownPhase phase : inOrderServed()) {
			if (phase.overlap() == ShutdownPhase.Overlap.EARLIER_PHASE) {
				awaitedEarlier.add(phase);
				continue;
			}
			// A phase's timeout runs from when the phase begins to stop.
			Duration needs = phase.endsAt(held, phase.timeout()).minus(held);
			if (needs.compareTo(left) <= 0) {
				left = left.minus(needs);
				continue;
			}
			capped.put(phase.phase(), left.isNegative() ? Duration.ZERO : left);
			left = Duration.ZERO;
		}
		// Counted as nothing, such a phase may only have what the others leave, should
		// work have started again after the participants' wait.
		Duration unused = left.isNegative() ? Duration.ZERO : left;
		for (ShutdownPhase phase : awaitedEarlier) {
			if (phase.timeout().compareTo(unused) > 0) {
				capped.put(phase.phase(), unused);
			}
		}
		Map<Integer, Duration> caps = new LinkedHashMap<>();
		for (ShutdownPhase phase : this.phases) {
			Duration cap = capped.get(phase.phase());
			if (cap != null) {
				caps.put(phase.phase(), cap);
			}
		}
		return caps;
	}

	private List<ShutdownPhase> inOrderServed() {
		List<ShutdownPhase> served = new ArrayList<>(this.phases);
		served.sort(Comparator.comparing((phase) -> phase.phase() != ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN));
		return served;
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

	private Duration forHoldAndPhases(Duration gracePeriod) {
		Duration available = gracePeriod.minus(this.resourceRelease).minus(EXIT_MARGIN);
		return available.isNegative() ? Duration.ZERO : available;
	}

	private Duration phasesEnd(Duration hold) {
		Duration end = hold;
		for (ShutdownPhase phase : this.phases) {
			end = phase.endsAt(end, phase.timeout());
		}
		return end;
	}

	// The end of the phases grows with the hold (by as much, or not at all where a phase
	// runs beside the hold): the longest hold that ends them in time is found by
	// bisection.
	private Duration longestHoldEndingBy(Duration available) {
		long fits = -1;
		long tooLong = this.maxHold.toMillis() + 1;
		while (tooLong - fits > 1) {
			long hold = (fits + tooLong) >>> 1;
			if (phasesEnd(Duration.ofMillis(hold)).compareTo(available) <= 0) {
				fits = hold;
			}
			else {
				tooLong = hold;
			}
		}
		return Duration.ofMillis(Math.max(fits, 0));
	}

	private static Duration requireNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + duration);
		}
		return duration;
	}

}
