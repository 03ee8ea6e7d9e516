package dev.zdt.core;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.internal.Hold;
import org.jspecify.annotations.Nullable;

/**
 * One drain of the {@link DrainCoordinator}: what started it and when, its hold, and its
 * result, which the drain's own listeners may not wait for (it completes only after they
 * return).
 */
final class Drain {

	/** The drain whose listeners the current thread is calling, if any. */
	private static final ThreadLocal<@Nullable Drain> NOTIFYING = new ThreadLocal<>();

	final DrainTrigger trigger;

	final Instant startedAt;

	final Hold hold;

	final CompletableFuture<DrainResult> result = new ListenerSafeFuture(this);

	final AtomicReference<@Nullable DrainResult> ended = new AtomicReference<>();

	final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	/**
	 * Whether the instance had been ready when the drain started: if not, no load
	 * balancer can be routing to it, and the drain does not hold.
	 */
	final boolean everReady;

	Drain(DrainTrigger trigger, Instant startedAt, Hold hold, boolean everReady) {
		this.trigger = trigger;
		this.startedAt = startedAt;
		this.hold = hold;
		this.everReady = everReady;
	}

	@Nullable Throwable failure() {
		Throwable own = this.failure.get();
		return (own != null) ? own : this.hold.failure();
	}

	HoldOutcome outcomeNow(String reason) {
		HoldContext now = this.hold.context();
		return new HoldOutcome(reason, now.elapsed(), now.requestsSinceDrainStart());
	}

	/**
	 * Runs the given call as the notification of this drain's listeners, so that a wait
	 * for this drain from within it is refused.
	 */
	void whileNotifying(Runnable call) {
		Drain outer = NOTIFYING.get();
		NOTIFYING.set(this);
		try {
			call.run();
		}
		finally {
			NOTIFYING.set(outer);
		}
	}

	void refuseWaitFromListener() {
		if (NOTIFYING.get() == this && !this.result.isDone()) {
			throw new IllegalStateException("A DrainListener cannot wait for the drain it is being told about: "
					+ "the hold ends only after the listeners have returned. Act in holdEnded instead.");
		}
	}

	/**
	 * The result of a drain, which refuses to be waited for by the drain's own listeners
	 * rather than wait forever.
	 */
	private static final class ListenerSafeFuture extends CompletableFuture<DrainResult> {

		private final Drain drain;

		ListenerSafeFuture(Drain drain) {
			this.drain = drain;
		}

		@Override
		public DrainResult get() throws InterruptedException, ExecutionException {
			this.drain.refuseWaitFromListener();
			return super.get();
		}

		@Override
		public DrainResult get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			this.drain.refuseWaitFromListener();
			return super.get(timeout, unit);
		}

		@Override
		public DrainResult join() {
			this.drain.refuseWaitFromListener();
			return super.join();
		}

	}

}
