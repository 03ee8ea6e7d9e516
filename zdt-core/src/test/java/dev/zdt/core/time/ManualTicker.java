package dev.zdt.core.time;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A ticker moved by hand: {@link #sleep(Duration)} returns at once after moving time
 * forward, and can run a hook each time, e.g. to make requests arrive during a hold.
 * {@link #awaitUntil(Future, long)} never moves time: it waits until the task completes
 * or someone else moves time past the deadline.
 */
public final class ManualTicker implements Ticker {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

	private volatile LongConsumer onSleep = (now) -> {
	};

	@Override
	public long nanos() {
		return this.nanos.get();
	}

	@Override
	public void sleep(Duration duration) throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		advance(duration);
		this.onSleep.accept(this.nanos.get());
	}

	@Override
	public boolean awaitUntil(Future<?> task, long deadline) throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		while (!task.isDone() && this.nanos.get() < deadline) {
			try {
				task.get(1, TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException | CancellationException ex) {
				// Done with a failure, or not yet done: look at the task and the time
				// again.
			}
		}
		return task.isDone();
	}

	/**
	 * Moves time forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	/**
	 * Sets a hook run after every sleep with the new time.
	 * @param onSleep the hook
	 */
	public void onSleep(LongConsumer onSleep) {
		this.onSleep = onSleep;
	}

}
