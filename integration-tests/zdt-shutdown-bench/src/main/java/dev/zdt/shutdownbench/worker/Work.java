package dev.zdt.shutdownbench.worker;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Work that takes its time and, like most real work (a call, a write, a computation), is
 * not cut short by an interrupt.
 */
final class Work {

	private Work() {
	}

	static void take(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

}
