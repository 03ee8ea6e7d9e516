package dev.zdt.core.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficHistory;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.core.traffic.TrafficSource;
import org.jspecify.annotations.Nullable;

/**
 * One hold: starts the strategy's {@link HoldEvaluator} for it and asks it every check
 * interval until it releases, never before the minimum and never after the maximum. The
 * strategy starts, and the evaluator answers, on a thread of its own, so that one that is
 * slow, or stuck, cannot hold past the maximum: it is never asked once the maximum is
 * reached, and a start or an answer still outstanding then is not waited for. A strategy
 * that fails to start (or has not started by the maximum), or an evaluator that fails
 * (any {@link Throwable}), is logged once at WARN, not asked again, and the hold runs to
 * its maximum.
 * <p>
 * Not API: the {@link dev.zdt.core.DrainCoordinator} runs holds.
 *
 * @since 0.1.0
 */
public final class Hold {

	private static final String MAX_HOLD = HoldOutcome.MAX_HOLD;

	private static final String INTERRUPTED = HoldOutcome.INTERRUPTED;

	private static final String STARTED_NOTHING = "the strategy started no evaluator";

	private static final ThreadFactory EVALUATOR_THREADS = (task) -> {
		Thread thread = new Thread(task, "zdt-hold-strategy");
		thread.setDaemon(true);
		return thread;
	};

	private final HoldStrategy strategy;

	private final HoldBounds bounds;

	private final TrafficMonitor traffic;

	private final Ticker ticker;

	private final System.Logger logger;

	private final long startNanos;

	private final double rateBeforeDrain;

	private final long arrivalsBeforeDrain;

	// Set once the strategy has started on the evaluator thread.
	private volatile @Nullable HoldEvaluator evaluator;

	private volatile @Nullable Throwable failure;

	private final TrafficHistory historyBeforeDrain;

	private final Map<String, SourceBefore> sourcesBeforeDrain = new LinkedHashMap<>();

	/**
	 * Starts a hold now: takes the measure of the traffic before it, its rate and its
	 * silences. The strategy is started only when the hold {@linkplain #run() runs}.
	 * @param strategy the strategy
	 * @param bounds the bounds
	 * @param traffic the application's traffic
	 * @param ticker the time source
	 */
	public Hold(HoldStrategy strategy, HoldBounds bounds, TrafficMonitor traffic, Ticker ticker) {
		this(strategy, bounds, traffic, ticker, System.getLogger(Hold.class.getName()));
	}

	/**
	 * Starts a hold now: takes the measure of the traffic before it, its rate and its
	 * silences.
	 * @param strategy the strategy
	 * @param bounds the bounds
	 * @param traffic the application's traffic
	 * @param ticker the time source
	 * @param logger where a failing strategy is reported
	 */
	public Hold(HoldStrategy strategy, HoldBounds bounds, TrafficMonitor traffic, Ticker ticker, System.Logger logger) {
		this.strategy = strategy;
		this.bounds = bounds;
		this.traffic = traffic;
		this.ticker = ticker;
		this.logger = logger;
		this.startNanos = ticker.nanos();
		this.rateBeforeDrain = traffic.arrivalRate(this.startNanos);
		this.arrivalsBeforeDrain = traffic.arrivals();
		this.historyBeforeDrain = traffic.history(this.startNanos);
		traffic.sources()
			.forEach((address, source) -> this.sourcesBeforeDrain.put(address,
					new SourceBefore(source.history(this.startNanos), source.arrivalRate(this.startNanos))));
	}

	/**
	 * Returns the evidence the strategy would weigh if a hold started now, for the status
	 * endpoint while serving: starts the strategy on the calling thread, and discards the
	 * evaluator.
	 * @param strategy the strategy
	 * @param bounds the bounds
	 * @param traffic the application's traffic
	 * @param ticker the time source
	 * @return the evidence by name
	 */
	public static Map<String, Object> evidenceIfStartedNow(HoldStrategy strategy, HoldBounds bounds,
			TrafficMonitor traffic, Ticker ticker) {
		Hold hold = new Hold(strategy, bounds, traffic, ticker);
		HoldContext context = hold.context();
		HoldEvaluator evaluator = Objects.requireNonNull(strategy.start(context), STARTED_NOTHING);
		return evaluator.evidence(context);
	}

	/**
	 * Runs the hold to its end on the calling thread.
	 * @return how it ended
	 */
	public HoldOutcome run() {
		ExecutorService evaluator = Executors.newSingleThreadExecutor(EVALUATOR_THREADS);
		try {
			return hold(evaluator);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return outcome(INTERRUPTED, null);
		}
		finally {
			// Interrupts an evaluation still under way: its answer no longer matters.
			evaluator.shutdownNow();
		}
	}

	private HoldOutcome hold(Executor evaluatorThread) throws InterruptedException {
		if (this.bounds.maxHold().isZero()) {
			// Nothing to wait for (a test context's drain): a strategy started now could
			// only fail to return within the max hold.
			return outcome(MAX_HOLD, null);
		}
		long maxAt = this.startNanos + this.bounds.maxHold().toNanos();
		CompletableFuture<HoldEvaluator> start = start(evaluatorThread);
		if (!this.ticker.awaitUntil(start, maxAt)) {
			failed(new IllegalStateException("The hold strategy '" + this.strategy.name()
					+ "' did not return from start within max-hold (" + this.bounds.maxHold() + ")"),
					"did not return from start within max-hold (" + this.bounds.maxHold()
							+ "), so the hold ended at max-hold");
			return outcome(MAX_HOLD, null);
		}
		HoldEvaluator evaluator = started(start);
		if (evaluator == null) {
			this.ticker.sleep(untilMax());
			return outcome(MAX_HOLD, null);
		}
		this.evaluator = evaluator;
		while (true) {
			HoldContext context = context();
			Duration elapsed = context.elapsed();
			if (elapsed.compareTo(this.bounds.maxHold()) >= 0) {
				return outcome(MAX_HOLD, null);
			}
			CompletableFuture<HoldDecision> evaluation = evaluate(evaluator, context, evaluatorThread);
			if (!this.ticker.awaitUntil(evaluation, maxAt)) {
				return outcome(MAX_HOLD, null);
			}
			HoldDecision decision = decision(evaluation);
			if (decision == null) {
				this.ticker.sleep(untilMax());
				return outcome(MAX_HOLD, null);
			}
			String releaseReason = decision.releaseReason();
			if (releaseReason != null && elapsed.compareTo(this.bounds.minHold()) >= 0) {
				return outcome(releaseReason, decision.detail());
			}
			this.ticker.sleep(nextWait());
		}
	}

	private CompletableFuture<HoldEvaluator> start(Executor evaluatorThread) {
		try {
			return CompletableFuture.supplyAsync(
					() -> Objects.requireNonNull(this.strategy.start(context()), STARTED_NOTHING), evaluatorThread);
		}
		catch (Throwable ex) {
			// No thread to start the strategy on: the same as a strategy that fails.
			return CompletableFuture.failedFuture(ex);
		}
	}

	private @Nullable HoldEvaluator started(CompletableFuture<HoldEvaluator> start) {
		try {
			return start.join();
		}
		catch (Throwable ex) {
			failed(cause(ex));
			return null;
		}
	}

	private CompletableFuture<HoldDecision> evaluate(HoldEvaluator evaluator, HoldContext context,
			Executor evaluatorThread) {
		try {
			return CompletableFuture.supplyAsync(() -> evaluator.evaluate(context), evaluatorThread);
		}
		catch (Throwable ex) {
			// No thread to ask the strategy on: the same as a strategy that fails.
			return CompletableFuture.failedFuture(ex);
		}
	}

	private @Nullable HoldDecision decision(CompletableFuture<HoldDecision> evaluation) {
		try {
			return Objects.requireNonNull(evaluation.join(), "the strategy answered null");
		}
		catch (Throwable ex) {
			failed(cause(ex));
			return null;
		}
	}

	private static Throwable cause(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	private void failed(Throwable cause) {
		failed(cause, "failed, so the hold runs to max-hold (" + this.bounds.maxHold() + ") without asking it again");
	}

	private void failed(Throwable cause, String what) {
		this.failure = cause;
		this.logger.log(Level.WARNING, () -> "zdt: the hold strategy '" + this.strategy.name() + "' " + what, cause);
	}

	private Duration untilMax() {
		Duration left = this.bounds.maxHold().minus(context().elapsed());
		return left.isNegative() ? Duration.ZERO : left;
	}

	private Duration nextWait() {
		Duration wait = this.bounds.checkInterval();
		Duration untilMax = untilMax();
		return (untilMax.compareTo(wait) < 0) ? untilMax : wait;
	}

	/**
	 * Returns the evidence this hold's evaluator weighs now, for the status endpoint.
	 * @return the evidence by name; empty until the strategy has started, and when it
	 * failed to start
	 */
	public Map<String, Object> evidence() {
		HoldEvaluator evaluator = this.evaluator;
		return (evaluator != null) ? evaluator.evidence(context()) : Map.of();
	}

	/**
	 * Returns what a strategy would know now.
	 * @return the context
	 */
	public HoldContext context() {
		long now = this.ticker.nanos();
		long lastArrival = this.traffic.lastArrivalNanos();
		boolean trafficSinceStart = lastArrival != Long.MIN_VALUE && lastArrival > this.startNanos;
		long quietSince = trafficSinceStart ? lastArrival : this.startNanos;
		Duration span = trafficSinceStart ? Duration.ofNanos(lastArrival - this.startNanos) : Duration.ZERO;
		// A silence that ended with a request during the hold happened while the load
		// balancer still routed: as ordinary as the silences before the drain.
		TrafficHistory history = this.historyBeforeDrain.withSilence(this.traffic.longestSilence(this.startNanos, now));
		return new HoldContext(Duration.ofNanos(now - this.startNanos), this.rateBeforeDrain, requestsSinceStart(),
				span, Duration.ofNanos(Math.max(0, now - quietSince)), history, sourceContexts(now));
	}

	private Map<String, HoldContext> sourceContexts(long now) {
		Map<String, TrafficSource> sources = this.traffic.sources();
		if (sources.isEmpty()) {
			return Map.of();
		}
		Duration elapsed = Duration.ofNanos(now - this.startNanos);
		Map<String, HoldContext> contexts = new LinkedHashMap<>();
		sources.forEach((address, source) -> {
			long last = source.lastArrivalNanos();
			boolean sentSinceStart = last > this.startNanos;
			Duration span = sentSinceStart ? Duration.ofNanos(last - this.startNanos) : Duration.ZERO;
			Duration quiet = Duration.ofNanos(Math.max(0, now - (sentSinceStart ? last : this.startNanos)));
			SourceBefore before = this.sourcesBeforeDrain.get(address);
			// A source first seen during the hold has no history of its own to judge it
			// by.
			TrafficHistory history = (before != null)
					? before.history().withSilence(source.longestSilence(this.startNanos, now)) : TrafficHistory.none();
			double rate = (before != null) ? before.rate() : 0;
			contexts.put(address, new HoldContext(elapsed, rate, 0, span, quiet, history));
		});
		return contexts;
	}

	private long requestsSinceStart() {
		return this.traffic.arrivals() - this.arrivalsBeforeDrain;
	}

	private HoldOutcome outcome(String reason, @Nullable String detail) {
		return new HoldOutcome(reason, Duration.ofNanos(this.ticker.nanos() - this.startNanos), requestsSinceStart(),
				detail);
	}

	/**
	 * Returns when the hold started.
	 * @return the time of the hold's ticker when the hold started, in nanoseconds
	 * @since 0.1.0
	 */
	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * Returns the arrival rate measured before the hold started.
	 * @return requests per second
	 */
	public double rateBeforeDrain() {
		return this.rateBeforeDrain;
	}

	/**
	 * Returns why the strategy was no longer asked: what it threw.
	 * @return the failure of the strategy, or {@code null} if it has not failed
	 * @since 0.1.0
	 */
	public @Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Returns the strategy.
	 * @return the strategy
	 */
	public HoldStrategy strategy() {
		return this.strategy;
	}

	private record SourceBefore(TrafficHistory history, double rate) {

	}

}
