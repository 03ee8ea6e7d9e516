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
 * A phase whose work {@linkplain #beginsAtDrainStart() begins its graceful stop when the
 * drain starts} runs beside the hold rather than after it: its timeout is counted from
 * the start of the drain, so it adds to the shutdown only what it may take beyond the
 * hold.
 *
 * @param phase the phase number; higher phases stop first
 * @param beans the names of the beans that stop in this phase, to name it in messages
 * @param timeout how long the shutdown waits for this phase at most
 * @param beginsAtDrainStart whether the phase's work begins its graceful stop when the
 * drain starts, so that its timeout runs from the start of the drain
 * @since 0.2.0
 */
public record ShutdownPhase(int phase, List<String> beans, Duration timeout, boolean beginsAtDrainStart) {

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
	 * @param beginsAtDrainStart whether the phase's timeout runs from the start of the
	 * drain
	 */
	public ShutdownPhase {
		beans = List.copyOf(Objects.requireNonNull(beans, "beans"));
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative: " + timeout);
		}
	}

	/**
	 * Creates a phase that begins to stop after the hold.
	 * @param phase the phase number
	 * @param beans the names of the beans that stop in this phase
	 * @param timeout how long the shutdown waits for this phase at most
	 */
	public ShutdownPhase(int phase, List<String> beans, Duration timeout) {
		this(phase, beans, timeout, false);
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
		return new ShutdownPhase(this.phase, this.beans, timeout, this.beginsAtDrainStart);
	}

	/**
	 * Returns when, counted from the start of the drain, this phase has stopped at the
	 * latest, if it begins to stop at the given time.
	 * @param begins when the phase begins to stop, counted from the start of the drain
	 * @param timeout how long the shutdown waits for it
	 * @return when it has stopped
	 */
	Duration endsAt(Duration begins, Duration timeout) {
		if (this.beginsAtDrainStart) {
			return (begins.compareTo(timeout) >= 0) ? begins : timeout;
		}
		return begins.plus(timeout);
	}

}
