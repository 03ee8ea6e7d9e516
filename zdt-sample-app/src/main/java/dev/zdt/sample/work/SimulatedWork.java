package dev.zdt.sample.work;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Time spent as real work spends it (a call, a write, a computation): not cut short by an
 * interrupt, so that a shutdown that interrupts a task loses it, as it would lose real
 * work, instead of finishing it early.
 *
 * @author zdt authors
 */
public final class SimulatedWork {

	private SimulatedWork() {
	}

	/**
	 * Takes the given time; an interrupt is kept for the caller to see afterwards.
	 * @param duration how long the work takes
	 */
	public static void take(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		boolean interrupted = false;
		for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
			LockSupport.parkNanos(left);
			interrupted |= Thread.interrupted();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
