package dev.zdt.core;

/**
 * Told about the steps of a drain, e.g. to flip readiness, log or count. Called on the
 * thread that makes the step; anything thrown here (even an {@link Error}) is contained
 * and does not stop the drain. A listener must not wait for the drain it is told about:
 * the hold ends only after the listeners have returned, so waiting there fails with an
 * {@link IllegalStateException}; act in {@link #holdEnded(DrainResult)} instead.
 *
 * @since 0.1.0
 */
public interface DrainListener {

	/**
	 * Called once, when the drain starts and before the hold, on the triggering thread.
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
