package dev.zdt.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

import dev.zdt.core.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of a {@link DrainCoordinator}, each told of the steps of a drain on a
 * lane of its own: its calls in order, one at a time, each on a new thread of the
 * coordinator's. A step waits for the listeners at most {@link #WAIT}; so one that does
 * not return holds up neither the drain nor the other listeners. Its later calls queue
 * behind the one it is stuck in, and no step waits for them: it is reported once, at
 * WARN.
 */
final class DrainListeners {

	/** How long a step of the drain waits for its listeners at most. */
	static final Duration WAIT = Duration.ofSeconds(1);

	private final List<Lane> lanes;

	private final Executor threads;

	private final Ticker ticker;

	private final System.Logger logger;

	DrainListeners(List<DrainListener> listeners, ThreadFactory threads, Ticker ticker, System.Logger logger) {
		this.lanes = listeners.stream().map(Lane::new).toList();
		this.threads = (task) -> Threads.start(threads, task);
		this.ticker = ticker;
		this.logger = logger;
	}

	/**
	 * Tells every listener of a step of the drain, and waits at most {@link #WAIT} for
	 * those not stuck in an earlier call to return.
	 * @param drain the drain whose step it is, which its listeners may not wait for
	 * @param step the name of the listener method, for the log
	 * @param call the call of that method
	 */
	void tell(Drain drain, String step, Consumer<DrainListener> call) {
		List<Told> waitedFor = new ArrayList<>();
		for (Lane lane : this.lanes) {
			boolean stuckBefore = lane.isBusy();
			CompletableFuture<Void> told = lane.tell(() -> drain.whileNotifying(() -> callSafely(lane.listener, call)),
					this.threads);
			if (!stuckBefore) {
				waitedFor.add(new Told(lane, told));
			}
		}
		await(waitedFor, step);
	}

	/**
	 * Tells every listener of a step of the drain, without waiting for them.
	 * @param drain the drain whose step it is
	 * @param call the call of the listener method
	 */
	void tellWithoutWaiting(Drain drain, Consumer<DrainListener> call) {
		for (Lane lane : this.lanes) {
			lane.tell(() -> drain.whileNotifying(() -> callSafely(lane.listener, call)), this.threads);
		}
	}

	private void await(List<Told> calls, String step) {
		if (calls.isEmpty()) {
			return;
		}
		CompletableFuture<Void> all = CompletableFuture
			.allOf(calls.stream().map(Told::call).toArray(CompletableFuture[]::new));
		try {
			if (this.ticker.awaitUntil(all, this.ticker.nanos() + WAIT.toNanos())) {
				return;
			}
		}
		catch (InterruptedException ex) {
			// The drain goes on without waiting; the caller learns of the interrupt.
			Thread.currentThread().interrupt();
			return;
		}
		for (Told told : calls) {
			if (!told.call().isDone()) {
				this.logger.log(Level.WARNING,
						() -> "zdt: the drain listener " + told.lane().listener.getClass().getName()
								+ " has not returned from " + step + " within " + WAIT
								+ "; the drain goes on without waiting for it");
			}
		}
	}

	private static void callSafely(DrainListener listener, Consumer<DrainListener> call) {
		try {
			call.accept(listener);
		}
		catch (Throwable ex) {
			// A listener (logging, metrics, readiness) must not break the drain itself.
			report(ex);
		}
	}

	private static void report(Throwable failure) {
		try {
			Thread thread = Thread.currentThread();
			thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
		}
		catch (Throwable ex) {
			// Nowhere left to report it; the drain goes on.
		}
	}

	/**
	 * One listener's calls, in order.
	 */
	private static final class Lane {

		final DrainListener listener;

		private @Nullable CompletableFuture<Void> last;

		Lane(DrainListener listener) {
			this.listener = listener;
		}

		synchronized boolean isBusy() {
			return this.last != null && !this.last.isDone();
		}

		synchronized CompletableFuture<Void> tell(Runnable call, Executor threads) {
			CompletableFuture<?> previous = (this.last != null) ? this.last : CompletableFuture.completedFuture(null);
			this.last = previous.handle((result, failure) -> null).thenRunAsync(call, threads);
			return this.last;
		}

	}

	private record Told(Lane lane, CompletableFuture<Void> call) {

	}

}
