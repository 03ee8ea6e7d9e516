package dev.zdt.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.internal.Hold;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficMonitor;
import org.jspecify.annotations.Nullable;

/**
 * The drain state machine ({@link DrainState#SERVING} → {@link DrainState#DRAINING} →
 * {@link DrainState#DRAINED} → {@link DrainState#STOPPING}). However many triggers
 * arrive, in whatever order and concurrently, there is exactly one drain and one hold,
 * and every caller waits for that same hold. The hold runs on its own thread, so a caller
 * that gives up (or is interrupted) never cuts it short for the others. Nothing a
 * strategy or listener does, not even an {@link Error} or a call that never returns,
 * keeps the drain from ending: no caller of {@link #drain(DrainTrigger)} waits longer
 * than the maximum hold plus {@link ShutdownBudget#WAIT_MARGIN}. The strategy starts and
 * answers on threads of its own (the status waits for it at most a second), and each
 * listener is told on threads of its own, waited for at most {@link #LISTENER_WAIT} per
 * step (see {@link DrainListener}).
 * <p>
 * A drain that shutdown has not joined can be {@linkplain #cancel() cancelled}, by hand
 * or by the watchdog ({@link DrainCoordinatorBuilder#cancelAfter(Duration)}), so that a
 * mistaken drain does not keep the instance out of rotation for good.
 * <p>
 * A drain that starts before the instance was ever ready
 * ({@link DrainCoordinatorBuilder#everReady}) does not hold: no load balancer routes to
 * an instance that never passed its readiness check, so there is nothing to wait for. Its
 * hold ends at once with reason {@value HoldOutcome#NEVER_READY}.
 *
 * @since 0.1.0
 */
public final class DrainCoordinator {

	/**
	 * How long a step of the drain (its start, the end of its hold, shutdown, a cancel)
	 * waits at most for its listeners before it goes on without them.
	 */
	public static final Duration LISTENER_WAIT = DrainListeners.WAIT;

	private final HoldStrategy strategy;

	private final HoldBounds bounds;

	private final TrafficMonitor traffic;

	private final Ticker ticker;

	private final Clock clock;

	private final DrainListeners listeners;

	private final ThreadFactory holdThreads;

	private final BooleanSupplier everReady;

	private final EvidenceReads evidenceReads;

	private final System.Logger logger;

	private final AtomicReference<@Nullable Drain> drain = new AtomicReference<>();

	private final AtomicBoolean stopping = new AtomicBoolean();

	// Set once shutdown has started or joined a drain: from then on it is never undone.
	private final AtomicBoolean shutdownJoined = new AtomicBoolean();

	private final Duration cancelAfter;

	// Orders cancel() against stopping() and against shutdown starting or joining the
	// drain: a drain that shutdown has joined is never undone.
	private final Object cancelLock = new Object();

	DrainCoordinator(DrainCoordinatorBuilder builder) {
		this.strategy = Objects.requireNonNull(builder.strategy, "strategy");
		this.bounds = Objects.requireNonNull(builder.bounds, "bounds");
		this.ticker = builder.ticker;
		this.traffic = (builder.traffic != null) ? builder.traffic : new TrafficMonitor(this.ticker);
		this.clock = builder.clock;
		this.holdThreads = builder.threads("zdt-hold");
		this.everReady = builder.everReady;
		this.evidenceReads = new EvidenceReads(builder.threads("zdt-status"));
		this.logger = builder.logger;
		this.cancelAfter = builder.cancelAfter;
		List<DrainListener> all = new ArrayList<>(builder.listeners);
		if (!this.cancelAfter.isZero()) {
			all.add(new DrainWatchdog(this, this.cancelAfter, this.ticker, this.holdThreads));
		}
		this.listeners = new DrainListeners(all, builder.threads("zdt-drain-listener"), this.ticker, this.logger);
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static DrainCoordinatorBuilder builder() {
		return new DrainCoordinatorBuilder();
	}

	/**
	 * Starts the drain, or joins the one already started, without waiting for its hold
	 * (only, at most {@link #LISTENER_WAIT}, for the listeners to hear that it started).
	 * The returned future completes when the hold has ended, never exceptionally. A
	 * {@link DrainListener} must not wait for it while it is told about this drain: the
	 * hold ends only after the listeners have returned, so {@code get()} or
	 * {@code join()} there throws an {@link IllegalStateException} instead of waiting
	 * forever. With {@link DrainTrigger#SHUTDOWN} the drain can no longer be
	 * {@linkplain #cancel() cancelled}.
	 * @param trigger what asks for the drain; recorded only if it starts the drain
	 * @return the result of the one drain, complete when its hold has ended
	 */
	public CompletableFuture<DrainResult> startDrain(DrainTrigger trigger) {
		return startOrJoin(trigger).result;
	}

	private Drain startOrJoin(DrainTrigger trigger) {
		Objects.requireNonNull(trigger, "trigger");
		if (trigger == DrainTrigger.SHUTDOWN) {
			synchronized (this.cancelLock) {
				this.shutdownJoined.set(true);
			}
		}
		Drain current = this.drain.get();
		if (current != null) {
			return current;
		}
		Drain candidate = new Drain(trigger, this.clock.instant(),
				new Hold(this.strategy, this.bounds, this.traffic, this.ticker, this.logger), hasBeenReady());
		if (!this.drain.compareAndSet(null, candidate)) {
			return Objects.requireNonNull(this.drain.get());
		}
		DrainStatus started = status();
		this.listeners.tell(candidate, "drainStarted", (listener) -> listener.drainStarted(started));
		Threads.start(this.holdThreads, () -> runHold(candidate));
		return candidate;
	}

	private boolean hasBeenReady() {
		try {
			return this.everReady.getAsBoolean();
		}
		catch (Throwable ex) {
			// Not knowing, hold as for an instance that a load balancer may route to.
			return true;
		}
	}

	private void runHold(Drain drain) {
		HoldOutcome outcome = null;
		try {
			outcome = drain.everReady ? drain.hold.run() : drain.outcomeNow(HoldOutcome.NEVER_READY);
		}
		catch (Throwable ex) {
			drain.failure.compareAndSet(null, ex);
		}
		finally {
			finish(drain, (outcome != null) ? outcome : drain.outcomeNow(HoldOutcome.MAX_HOLD));
		}
	}

	/**
	 * Ends the drain with the given outcome, unless it has ended already: tells the
	 * listeners, then releases every caller.
	 */
	private void finish(Drain drain, HoldOutcome outcome) {
		DrainResult result = new DrainResult(drain.trigger, this.strategy.name(), outcome);
		if (drain.ended.compareAndSet(null, result)) {
			this.listeners.tell(drain, "holdEnded", (listener) -> listener.holdEnded(result));
			drain.result.complete(result);
		}
	}

	/**
	 * Starts the drain, or joins the one already started, and waits until its hold has
	 * ended, at most {@link ShutdownBudget#WAIT_MARGIN} past the maximum hold. A hold
	 * that has not ended by then (something is stuck) is ended for every caller with
	 * reason {@value HoldOutcome#MAX_HOLD}, and the status shows why.
	 * @param trigger what asks for the drain
	 * @return the result of the one drain
	 * @throws InterruptedException if the calling thread is interrupted while waiting;
	 * the hold goes on
	 * @throws IllegalStateException if called by a {@link DrainListener} while it is told
	 * about this drain, since the hold cannot end before the listener returns
	 */
	public DrainResult drain(DrainTrigger trigger) throws InterruptedException {
		Drain current = startOrJoin(trigger);
		DrainResult result = current.result.getNow(null);
		if (result != null) {
			return result;
		}
		current.refuseWaitFromListener();
		long deadline = current.hold.startNanos() + longestDrainWait().toNanos();
		if (!this.ticker.awaitUntil(current.result, deadline)) {
			return expire(current);
		}
		return current.result.join();
	}

	private DrainResult expire(Drain drain) {
		drain.failure.compareAndSet(null, new IllegalStateException("The hold did not end within max-hold ("
				+ this.bounds.maxHold() + ") + " + ShutdownBudget.WAIT_MARGIN + ", so it was ended for its callers"));
		DrainResult result = new DrainResult(drain.trigger, this.strategy.name(),
				drain.outcomeNow(HoldOutcome.MAX_HOLD));
		if (drain.ended.compareAndSet(null, result)) {
			// The callers have waited long enough: they go on while the listeners hear.
			drain.result.complete(result);
			this.listeners.tellWithoutWaiting(drain, (listener) -> listener.holdEnded(result));
		}
		// A listener stuck in holdEnded must not keep the others waiting either.
		DrainResult ended = Objects.requireNonNull(drain.ended.get());
		drain.result.complete(ended);
		return ended;
	}

	/**
	 * Marks that shutdown proceeds past the hold. Has an effect only once, and only after
	 * the hold.
	 */
	public void stopping() {
		Drain current;
		synchronized (this.cancelLock) {
			current = this.drain.get();
			if (current == null || !current.result.isDone() || !this.stopping.compareAndSet(false, true)) {
				return;
			}
		}
		this.listeners.tell(current, "stopping", DrainListener::stopping);
	}

	/**
	 * Undoes a drain whose hold has ended and that shutdown has not joined: the state
	 * goes back to {@link DrainState#SERVING} and listeners are told, so that readiness
	 * comes back. A later trigger starts a new drain with a new hold. Once shutdown has
	 * started or joined the drain ({@link DrainTrigger#SHUTDOWN}, even before its hold
	 * ends) it is never undone: shutdown goes on to exit whatever a caller asks.
	 * @return {@code true} if a drain was undone; {@code false} when there is none, its
	 * hold is still under way, or shutdown has joined it
	 */
	public boolean cancel() {
		Drain current = this.drain.get();
		return current != null && cancel(current, DrainCancellation.REQUESTED);
	}

	boolean cancel(Drain expected, DrainCancellation cancellation) {
		synchronized (this.cancelLock) {
			if (this.stopping.get() || this.shutdownJoined.get() || !expected.result.isDone()
					|| !this.drain.compareAndSet(expected, null)) {
				return false;
			}
		}
		this.listeners.tell(expected, "drainCancelled", (listener) -> listener.drainCancelled(cancellation));
		return true;
	}

	@Nullable Drain current() {
		return this.drain.get();
	}

	/**
	 * Returns whether the given drain is still the current one and shutdown has neither
	 * joined it nor moved past its hold: whether the watchdog may still undo it.
	 */
	boolean mayCancel(Drain watched) {
		return this.drain.get() == watched && !this.stopping.get() && !this.shutdownJoined.get();
	}

	/**
	 * Returns whether shutdown has started or joined a drain, which from then on is never
	 * undone.
	 * @return {@code true} once shutdown has called for the drain
	 */
	public boolean isShuttingDown() {
		return this.shutdownJoined.get();
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
	 * Returns whether a drain has started, i.e. the state is past
	 * {@link DrainState#SERVING}.
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
					this.bounds.maxHold(), this.traffic.inFlight(), 0, this.traffic.arrivalRate(this.ticker.nanos()),
					null);
		}
		DrainResult ended = current.ended.get();
		HoldOutcome outcome = (ended != null) ? ended.outcome() : null;
		HoldContext now = current.hold.context();
		Duration elapsed = (outcome != null) ? outcome.held() : now.elapsed();
		Throwable failure = current.failure();
		// Requests keep arriving after the hold, and the meter keeps counting them: so
		// does the status.
		return new DrainStatus(state, current.trigger, current.startedAt, elapsed,
				(outcome != null) ? outcome.reason() : null, this.strategy.name(), this.bounds.minHold(),
				this.bounds.maxHold(), this.traffic.inFlight(), now.requestsSinceDrainStart(),
				current.hold.rateBeforeDrain(), (failure != null) ? failure.toString() : null);
	}

	/**
	 * Returns the evidence the hold strategy weighs, for the status endpoint: while
	 * serving, as if the drain started now; while draining, at this moment of the hold;
	 * once the hold has ended, the rule that ended it (under {@code releasedBy}), if the
	 * strategy gave one. The strategy is asked on a thread of its own, and waited for at
	 * most a second: one that fails or does not answer gives an {@code error} entry.
	 * @return the evidence by name
	 */
	public Map<String, Object> evidence() {
		Drain current = this.drain.get();
		DrainResult ended = (current != null) ? current.ended.get() : null;
		if (ended != null) {
			String detail = ended.outcome().detail();
			return (detail != null) ? Map.of("releasedBy", detail) : Map.of();
		}
		// A status page must not fail, nor wait, because a strategy cannot explain
		// itself.
		return this.evidenceReads.read(() -> (current != null) ? current.hold.evidence()
				: Hold.evidenceIfStartedNow(this.strategy, this.bounds, this.traffic, this.ticker));
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

	/**
	 * Returns how long a caller of {@link #drain(DrainTrigger)} waits at most
	 * ({@link ShutdownBudget#longestDrainWait(Duration)}).
	 * @return max hold + {@link ShutdownBudget#WAIT_MARGIN}
	 */
	public Duration longestDrainWait() {
		return ShutdownBudget.longestDrainWait(this.bounds.maxHold());
	}

}
