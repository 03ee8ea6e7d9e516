package dev.zdt.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.zdt.core.hold.Hold;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficMonitor;
import org.jspecify.annotations.Nullable;

/**
 * The drain state machine ({@link DrainState#SERVING} → {@link DrainState#DRAINING} →
 * {@link DrainState#DRAINED} → {@link DrainState#STOPPING}). However many triggers arrive, in
 * whatever order and concurrently, there is exactly one drain and one hold, and every caller
 * waits for that same hold. The hold runs on its own thread, so a caller that gives up (or is
 * interrupted) never cuts it short for the others.
 *
 * @since 0.1.0
 */
public final class DrainCoordinator {

	private final HoldStrategy strategy;

	private final HoldBounds bounds;

	private final TrafficMonitor traffic;

	private final Ticker ticker;

	private final Clock clock;

	private final List<DrainListener> listeners;

	private final ThreadFactory holdThreads;

	private final AtomicReference<@Nullable Drain> drain = new AtomicReference<>();

	private final AtomicBoolean stopping = new AtomicBoolean();

	private DrainCoordinator(Builder builder) {
		this.strategy = Objects.requireNonNull(builder.strategy, "strategy");
		this.bounds = Objects.requireNonNull(builder.bounds, "bounds");
		this.ticker = builder.ticker;
		this.traffic = (builder.traffic != null) ? builder.traffic : new TrafficMonitor(this.ticker);
		this.clock = builder.clock;
		this.listeners = List.copyOf(builder.listeners);
		this.holdThreads = builder.holdThreads;
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the drain, or joins the one already started, without waiting for its hold.
	 * @param trigger what asks for the drain; recorded only if it starts the drain
	 * @return the result of the one drain, complete when its hold has ended
	 */
	public CompletableFuture<DrainResult> startDrain(DrainTrigger trigger) {
		Objects.requireNonNull(trigger, "trigger");
		Drain current = this.drain.get();
		if (current != null) {
			return current.result;
		}
		Drain candidate = new Drain(trigger, this.clock.instant(), new Hold(this.strategy, this.bounds, this.traffic, this.ticker));
		if (!this.drain.compareAndSet(null, candidate)) {
			return Objects.requireNonNull(this.drain.get()).result;
		}
		notifyListeners((listener) -> listener.drainStarted(status()));
		Thread holdThread = this.holdThreads.newThread(() -> runHold(candidate));
		holdThread.start();
		return candidate.result;
	}

	private void runHold(Drain drain) {
		HoldOutcome outcome;
		try {
			outcome = drain.hold.run();
		}
		catch (RuntimeException ex) {
			// A failing strategy must never leave callers waiting: fall back to the plain maximum.
			outcome = holdUntilMax(drain, ex);
		}
		DrainResult result = new DrainResult(drain.trigger, this.strategy.name(), outcome);
		drain.outcome = outcome;
		notifyListeners((listener) -> listener.holdEnded(result));
		drain.result.complete(result);
	}

	private HoldOutcome holdUntilMax(Drain drain, RuntimeException failure) {
		Duration elapsed = drain.hold.context().elapsed();
		try {
			this.ticker.sleep(this.bounds.maxHold().minus(elapsed));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		HoldOutcome partial = new HoldOutcome(Hold.MAX_HOLD, drain.hold.context().elapsed(),
				drain.hold.context().requestsSinceDrainStart());
		drain.failure = failure;
		return partial;
	}

	/**
	 * Starts the drain, or joins the one already started, and waits until its hold has ended.
	 * @param trigger what asks for the drain
	 * @return the result of the one drain
	 * @throws InterruptedException if the calling thread is interrupted while waiting; the hold
	 * goes on
	 */
	public DrainResult drain(DrainTrigger trigger) throws InterruptedException {
		try {
			return startDrain(trigger).get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The hold failed", ex.getCause());
		}
	}

	/**
	 * Marks that shutdown proceeds past the hold. Has an effect only once, and only after the hold.
	 */
	public void stopping() {
		Drain current = this.drain.get();
		if (current != null && current.result.isDone() && this.stopping.compareAndSet(false, true)) {
			notifyListeners(DrainListener::stopping);
		}
	}

	/**
	 * Returns the current state.
	 * @return the state
	 */
	public DrainState state() {
		Drain current = this.drain.get();
		if (current == null) {
			return DrainState.SERVING;
		}
		if (!current.result.isDone()) {
			return DrainState.DRAINING;
		}
		return this.stopping.get() ? DrainState.STOPPING : DrainState.DRAINED;
	}

	/**
	 * Returns whether a drain has started, i.e. the state is past {@link DrainState#SERVING}.
	 * @return {@code true} once draining
	 */
	public boolean isDraining() {
		return this.drain.get() != null;
	}

	/**
	 * Returns a snapshot of the drain.
	 * @return the status
	 */
	public DrainStatus status() {
		Drain current = this.drain.get();
		DrainState state = state();
		if (current == null) {
			return new DrainStatus(state, null, null, Duration.ZERO, null, this.strategy.name(), this.bounds.minHold(),
					this.bounds.maxHold(), this.traffic.inFlight(), 0, this.traffic.arrivalRate(this.ticker.nanos()));
		}
		HoldOutcome outcome = current.outcome;
		Duration elapsed = (outcome != null) ? outcome.held() : current.hold.context().elapsed();
		long requests = (outcome != null) ? outcome.requestsDuringHold() : current.hold.context().requestsSinceDrainStart();
		return new DrainStatus(state, current.trigger, current.startedAt, elapsed, (outcome != null) ? outcome.reason() : null,
				this.strategy.name(), this.bounds.minHold(), this.bounds.maxHold(), this.traffic.inFlight(), requests,
				current.hold.rateBeforeDrain());
	}

	/**
	 * Returns the failure of the hold strategy that made the hold fall back to its maximum.
	 * @return the failure, or {@code null}
	 */
	public @Nullable RuntimeException strategyFailure() {
		Drain current = this.drain.get();
		return (current != null) ? current.failure : null;
	}

	/**
	 * Returns the traffic monitor that the hold reads.
	 * @return the traffic monitor
	 */
	public TrafficMonitor traffic() {
		return this.traffic;
	}

	/**
	 * Returns the hold strategy.
	 * @return the strategy
	 */
	public HoldStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Returns the hold bounds.
	 * @return the bounds
	 */
	public HoldBounds bounds() {
		return this.bounds;
	}

	private void notifyListeners(Consumer<DrainListener> call) {
		for (DrainListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				// A listener (logging, metrics, readiness) must not break the drain itself.
				Thread thread = Thread.currentThread();
				thread.getUncaughtExceptionHandler().uncaughtException(thread, ex);
			}
		}
	}

	private static final class Drain {

		final DrainTrigger trigger;

		final Instant startedAt;

		final Hold hold;

		final CompletableFuture<DrainResult> result = new CompletableFuture<>();

		volatile @Nullable HoldOutcome outcome;

		volatile @Nullable RuntimeException failure;

		Drain(DrainTrigger trigger, Instant startedAt, Hold hold) {
			this.trigger = trigger;
			this.startedAt = startedAt;
			this.hold = hold;
		}

	}

	/**
	 * Builds a {@link DrainCoordinator}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable HoldStrategy strategy;

		private @Nullable HoldBounds bounds;

		private @Nullable TrafficMonitor traffic;

		private Ticker ticker = Ticker.system();

		private Clock clock = Clock.systemUTC();

		private final List<DrainListener> listeners = new ArrayList<>();

		private ThreadFactory holdThreads = (task) -> {
			Thread thread = new Thread(task, "zdt-hold");
			thread.setDaemon(true);
			return thread;
		};

		private Builder() {
		}

		/**
		 * Sets the hold strategy (required).
		 * @param strategy the strategy
		 * @return this builder
		 */
		public Builder strategy(HoldStrategy strategy) {
			this.strategy = strategy;
			return this;
		}

		/**
		 * Sets the hold bounds (required).
		 * @param bounds the bounds
		 * @return this builder
		 */
		public Builder bounds(HoldBounds bounds) {
			this.bounds = bounds;
			return this;
		}

		/**
		 * Sets the traffic monitor the hold reads; by default a new one on the same ticker.
		 * @param traffic the monitor
		 * @return this builder
		 */
		public Builder traffic(TrafficMonitor traffic) {
			this.traffic = traffic;
			return this;
		}

		/**
		 * Sets the monotonic time source; by default the system's.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			this.ticker = ticker;
			return this;
		}

		/**
		 * Sets the wall clock for the drain start time; by default UTC system time.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Adds a listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(DrainListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Sets the factory of the thread that runs the hold.
		 * @param holdThreads the factory
		 * @return this builder
		 */
		public Builder holdThreads(ThreadFactory holdThreads) {
			this.holdThreads = holdThreads;
			return this;
		}

		/**
		 * Builds the coordinator.
		 * @return the coordinator
		 */
		public DrainCoordinator build() {
			return new DrainCoordinator(this);
		}

	}

}
