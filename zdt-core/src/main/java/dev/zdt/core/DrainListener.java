package dev.zdt.core;

/**
 * Told about the steps of a drain, e.g. to flip readiness, log or count.
 * <p>
 * What a listener may rely on:
 * <ul>
 * <li>Its calls come in the order of the drain, one at a time, each once per drain:
 * {@link #drainStarted}, then {@link #holdEnded}, then {@link #stopping} or
 * {@link #drainCancelled} (after which a new drain may start over).</li>
 * <li>Each listener is called on threads of its own, not on the thread that makes the
 * step, and independently of the other listeners: there is no order among listeners, and
 * one that is slow or stuck does not delay the others.</li>
 * <li>The step waits for its listeners, at most {@link DrainCoordinator#LISTENER_WAIT}.
 * In that time {@code drainStarted} runs before the hold is judged and {@code holdEnded}
 * before the callers of the drain are released, so a listener that returns at once
 * (publishes an event, logs, counts) has acted before the drain goes on. One that has not
 * returned by then is logged once at WARN and left behind: the drain goes on without it,
 * and its later calls wait for it to return.</li>
 * <li>Anything thrown here (even an {@link Error}) is contained and does not stop the
 * drain.</li>
 * </ul>
 * A listener must not wait for the drain it is told about: the hold ends only after the
 * listeners have returned, so waiting there fails with an {@link IllegalStateException};
 * act in {@link #holdEnded(DrainResult)} instead. Nor should it block or do slow I/O:
 * what it does after {@code LISTENER_WAIT} happens while the drain has moved on.
 *
 * @since 0.1.0
 */
public interface DrainListener {

	/**
	 * Called once, when the drain starts and before its hold is judged.
	 * @param drain the drain that started
	 */
	default void drainStarted(DrainStatus drain) {
	}

	/**
	 * Called once, when the hold has ended.
	 * @param result how it ended
	 */
	default void holdEnded(DrainResult result) {
	}

	/**
	 * Called once, when shutdown proceeds past the hold.
	 */
	default void stopping() {
	}

	/**
	 * Called when a drain that had not reached shutdown was undone: the instance serves
	 * again.
	 * @param cancellation why
	 */
	default void drainCancelled(DrainCancellation cancellation) {
	}

}
