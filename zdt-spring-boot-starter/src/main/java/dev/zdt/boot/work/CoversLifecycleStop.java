package dev.zdt.boot.work;

import org.springframework.context.Lifecycle;

/**
 * A shutdown participant that begins the stop of lifecycle beans itself when the drain
 * starts, as zdt's Kafka participant does with the listener containers. Their lifecycle
 * phase then runs beside the hold instead of after it, and the shutdown budget counts the
 * longer of the hold and the phase's timeout, not their sum
 * ({@link dev.zdt.core.ShutdownPhase#beginsAtDrainStart()}): in the startup check and in
 * the timeouts zdt gives the phases once the hold has ended. A phase counts so only when
 * every bean of it that the budget counts is stopped at the drain's start.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface StopsAtDrainStart {

	/**
	 * Returns whether this participant begins the stop of the given lifecycle bean when
	 * the drain starts.
	 * @param bean a running lifecycle bean of the context
	 * @return whether its stop begins at the drain's start
	 */
	boolean stopsAtDrainStart(Lifecycle bean);

}
