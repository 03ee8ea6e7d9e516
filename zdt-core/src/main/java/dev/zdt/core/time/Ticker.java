package dev.zdt.core.time;

import java.time.Duration;

/**
 * A monotonic time source that can also wait, so that tests can move time by hand.
 *
 * @since 0.1.0
 */
public interface Ticker {

	/**
	 * Returns the current value of a monotonic clock, in nanoseconds, with an arbitrary origin.
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
	 * Returns the ticker backed by {@link System#nanoTime()} and {@link Thread#sleep(long, int)}.
	 * @return the system ticker
	 */
	static Ticker system() {
		return SystemTicker.INSTANCE;
	}

}
