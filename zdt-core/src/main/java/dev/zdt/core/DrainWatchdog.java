package dev.zdt.core;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import dev.zdt.core.time.Ticker;

/**
 * Undoes the drain when no shutdown follows its hold in time
 * ({@link DrainCoordinatorBuilder#cancelAfter(Duration)}). Waits in steps, so that its
 * thread ends soon after a shutdown or a cancellation.
 */
final class DrainWatchdog implements DrainListener {

	private static final Duration STEP = Duration.ofSeconds(1);

	private final DrainCoordinator coordinator;

	private final Duration cancelAfter;

	private final Ticker ticker;

	private final ThreadFactory threads;

	DrainWatchdog(DrainCoordinator coordinator, Duration cancelAfter, Ticker ticker, ThreadFactory threads) {
		this.coordinator = coordinator;
		this.cancelAfter = cancelAfter;
		this.ticker = ticker;
		this.threads = threads;
	}

	@Override
	public void holdEnded(DrainResult result) {
		Drain watched = this.coordinator.current();
		if (watched != null) {
			// Listeners hear of the end just before the drain completes; count from then.
			watched.result.whenComplete((ended, failure) -> this.threads.newThread(() -> watch(watched)).start());
		}
	}

	private void watch(Drain watched) {
		long deadline = this.ticker.nanos() + this.cancelAfter.toNanos();
		try {
			long remaining = deadline - this.ticker.nanos();
			while (remaining > 0 && this.coordinator.mayCancel(watched)) {
				this.ticker.sleep(Duration.ofNanos(Math.min(remaining, STEP.toNanos())));
				remaining = deadline - this.ticker.nanos();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.coordinator.cancel(watched, DrainCancellation.NO_SHUTDOWN_FOLLOWED);
	}

}
