package dev.zdt.core.work;

import java.time.Duration;

/**
 * Work that no load balancer routes (a message listener container, a scheduler, an
 * executor) and that must finish before the process exits. The hold is for HTTP: such
 * work need not wait for the load balancer, so a participant chooses when its graceful
 * stop begins, when the drain starts (it then finishes during the hold, and the shutdown
 * takes the longer of the two rather than their sum) or when the hold ends (its work must
 * go on while the instance still serves).
 * <p>
 * What a participant may rely on:
 * <ul>
 * <li>Its calls come in the order of the drain, each once per drain:
 * {@link #drainStarted}, then {@link #holdEnded}, then {@link #awaitFinished}; or
 * {@link #drainCancelled} instead of the last two, after which a new drain may start
 * over.</li>
 * <li>{@link #drainStarted}, {@link #holdEnded} and {@link #drainCancelled} only begin
 * things and return at once; they must not wait for work to finish.</li>
 * <li>{@link #awaitFinished} is called after the hold, within the shutdown budget, before
 * the resources the work needs are released.</li>
 * <li>{@link #inProgress} may be asked at any time (the status, the meters, the log) and
 * must answer at once.</li>
 * <li>Each call is made on a thread of its own, one call at a time; one that throws is
 * logged and the drain goes on.</li>
 * </ul>
 * New work is refused only where the participant's own semantics say so (an executor that
 * is shutting down rejects tasks), with a clear error, and never silently dropped.
 *
 * @since 0.2.0
 */
public interface ShutdownParticipant {

	/**
	 * Returns the participant's name for the status, the meters and the log, such as
	 * {@code task-executor} or {@code kafka}.
	 * @return a short name, unique among the participants
	 */
	String name();

	/**
	 * Called when the drain starts. A participant whose work need not wait for the load
	 * balancer begins its graceful stop here.
	 */
	default void drainStarted() {
	}

	/**
	 * Called when the hold has ended. A participant whose work went on through the hold
	 * begins its graceful stop here.
	 */
	default void holdEnded() {
	}

	/**
	 * Called when a drain that had not reached shutdown was undone: the participant works
	 * again as before the drain.
	 */
	default void drainCancelled() {
	}

	/**
	 * Returns the work in progress: units (tasks, records, messages) accepted and not yet
	 * finished.
	 * @return the count, zero when idle
	 */
	long inProgress();

	/**
	 * Waits until the work in progress has finished, at most the given time.
	 * @param timeout how long to wait at most
	 * @return the units left unfinished when the wait ended, zero when all finished
	 * @throws InterruptedException if interrupted while waiting
	 */
	long awaitFinished(Duration timeout) throws InterruptedException;

}
