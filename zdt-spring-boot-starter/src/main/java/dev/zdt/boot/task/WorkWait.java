package dev.zdt.boot.task;

import java.time.Duration;
import java.util.function.LongSupplier;

import dev.zdt.core.time.Ticker;

/**
 * Waits for a count of work in progress to reach zero, asking in short steps: the
 * executors and schedulers have no signal that all their work has finished without
 * shutting them down, and they must go on accepting work while the web server's requests
 * in flight finish.
 */
final class WorkWait {

	private static final Duration STEP = Duration.ofMillis(20);

	private WorkWait() {
	}

	static long untilNone(LongSupplier inProgress, Duration timeout, Ticker ticker) throws InterruptedException {
		long deadline = ticker.nanos() + timeout.toNanos();
		long left = inProgress.getAsLong();
		while (left > 0) {
			long remaining = deadline - ticker.nanos();
			if (remaining <= 0) {
				return left;
			}
			ticker.sleep(Duration.ofNanos(Math.min(remaining, STEP.toNanos())));
			left = inProgress.getAsLong();
		}
		return 0;
	}

}
