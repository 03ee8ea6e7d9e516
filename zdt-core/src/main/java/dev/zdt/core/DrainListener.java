package dev.zdt.core;

/**
 * Told about the steps of a drain, e.g. to flip readiness, log or count. Called on the thread
 * that makes the step; an exception thrown here is contained and does not stop the drain.
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

}
