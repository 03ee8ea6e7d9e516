package dev.zdt.core.time;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

enum SystemTicker implements Ticker {

	INSTANCE;

	@Override
	public long nanos() {
		return System.nanoTime();
	}

	@Override
	public void sleep(Duration duration) throws InterruptedException {
		if (!duration.isNegative() && !duration.isZero()) {
			Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
		}
	}

	@Override
	public boolean awaitUntil(Future<?> task, long deadline) throws InterruptedException {
		try {
			task.get(Math.max(0, deadline - nanos()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			// Done with a failure, or not done: the caller asks the task which.
		}
		return task.isDone();
	}

}
