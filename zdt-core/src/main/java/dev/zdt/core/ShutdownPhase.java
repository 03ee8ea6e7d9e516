package dev.zdt.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of the application's shutdown after the hold, as plain data: the lifecycle
 * phase whose beans stop together, and how long the shutdown waits for them at most. A
 * container such as Spring stops its phases one after another, highest phase first, each
 * bounded by its own timeout (Spring's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, or one set for that phase alone).
 * <p>
 * A phase's work may be done, in whole or in part, before the phase itself stops
 * ({@link Overlap}): a phase whose work begins its graceful stop when the drain starts
 * runs beside the hold, and one whose work the shutdown participants have awaited in an
 * earlier phase finds nothing left to wait for.
 *
 * @param phase the phase number; higher phases stop first
 * @param beans the names of the beans that stop in this phase, to name it in messages
 * @param timeout how long the shutdown waits for this phase at most
 * @param overlap what of the phase's work is done before the phase stops
 * @since 0.2.0
 */
public record ShutdownPhase(int phase, List<String> beans, Duration timeout, Overlap overlap) {

	/**
	 * The phase in which Spring Boot (3.5 and 4) shuts its web servers down gracefully:
	 * {@code SmartLifecycle.DEFAULT_PHASE - 1024}.
	 */
	public static final int WEB_SERVER_GRACEFUL_SHUTDOWN = Integer.MAX_VALUE - 1024;

	/**
	 * Checks the data.
	 * @param phase the phase number
	 * @param beans the names of the beans that stop in this phase
	 * @param timeout how long the shutdown waits for this phase at most
	 * @param overlap what of the phase's work is done before the phase stops
	 */
	public ShutdownPhase {
		beans = List.copyOf(Objects.requireNonNull(beans, "beans"));
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(overlap, "overlap");
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative: " + timeout);
		}
	}

	/**
	 * Creates a phase whose work begins to stop when the phase does.
	 * @param phase the phase number
	 * @param beans the names of the beans that stop in this phase
	 * @param timeout how long the shutdown waits for this phase at most
	 */
	public ShutdownPhase(int phase, List<String> beans, Duration timeout) {
		this(phase, beans, timeout, Overlap.NONE);
	}

	/**
	 * Returns the phase of a web server's graceful shutdown, the one phase a budget
	 * counts when the application's phases are not known.
	 * @param timeout the phase's timeout
	 * @return the phase
	 */
	public static ShutdownPhase webServerGracefulShutdown(Duration timeout) {
		return new ShutdownPhase(WEB_SERVER_GRACEFUL_SHUTDOWN, List.of(), timeout);
	}

	/**
	 * Returns this phase with another timeout.
	 * @param timeout the timeout
	 * @return a new phase
	 */
	public ShutdownPhase withTimeout(Duration timeout) {
		return new ShutdownPhase(this.phase, this.beans, timeout, this.overlap);
	}

	/**
	 * Returns when, counted from the start of the drain, this phase has stopped at the
	 * latest, if it begins to stop at the given time.
	 * @param begins when the phase begins to stop, counted from the start of the drain
	 * @param timeout how long the shutdown waits for it
	 * @return when it has stopped
	 */
	Duration endsAt(Duration begins, Duration timeout) {
		return switch (this.overlap) {
			case NONE -> begins.plus(timeout);
			case HOLD -> (begins.compareTo(timeout) >= 0) ? begins : timeout;
			case EARLIER_PHASE -> begins;
		};
	}

	/**
	 * What of a phase's work is done before the phase itself stops, and so how much the
	 * phase adds to the shutdown.
	 */
	public enum Overlap {

		/**
		 * Nothing: the phase's work begins to stop when the phase does, and the phase
		 * adds its whole timeout.
		 */
		NONE,

		/**
		 * The phase's work begins its graceful stop when the drain starts (a queue
		 * consumer that no load balancer routes to), so the phase runs beside the hold:
		 * its timeout is counted from the start of the drain, and it adds only what it
		 * may take beyond the hold.
		 */
		HOLD,

		/**
		 * The phase's work was awaited by the shutdown participants in an earlier phase
		 * (the tasks of an executor), so the phase finds nothing left to wait for and
		 * adds nothing. Should work start again after that wait, the phase is still given
		 * only what is left of the grace period ({@link ShutdownBudget#phaseCaps}).
		 */
		EARLIER_PHASE

	}

}
