package dev.zdt.core.time;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * A monotonic time source that can also wait, so that tests can move time by hand.
 *
 * @since 0.1.0
 */
public interface Ticker {

	/**
	 * Returns the current value of a monotonic clock, in nanoseconds, with an arbitrary
	 * origin.
	 * @return the current time in nanoseconds
	 */
	long nanos();

	/**
	 * Waits for the given duration.
	 * @param duration how long to wait
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	void sleep(Duration duration) throws InterruptedException;

	/**
	 * Waits until the given task has completed or this ticker has reached the given
	 * deadline, whichever comes first. The default asks in steps of
	 * {@link #sleep(Duration) sleeps} of at most 10 ms; a ticker whose sleep does not
	 * really wait must override it.
	 * @param task the task to wait for
	 * @param deadline the latest time to wait until, in the time of {@link #nanos()}
	 * @return whether the task has completed
	 * @throws InterruptedException if the waiting thread is interrupted
	 * @since 0.1.0
	 */
	default boolean awaitUntil(Future<?> task, long deadline) throws InterruptedException {
		while (!task.isDone()) {
			long left = deadline - nanos();
			if (left <= 0) {
				return false;
			}
			sleep(Duration.ofNanos(Math.min(left, 10_000_000L)));
		}
		return true;
	}

	/**
	 * Returns the ticker backed by {@link System#nanoTime()} and
	 * {@link Thread#sleep(long, int)}.
	 * @return the system ticker
	 */
	static Ticker system() {
		return SystemTicker.INSTANCE;
	}

}
