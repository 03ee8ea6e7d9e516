package dev.zdt.core.hold;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficHistory;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.core.traffic.TrafficSource;
import org.jspecify.annotations.Nullable;

/**
 * One hold: asks the strategy every check interval until it releases, never before the minimum
 * and never after the maximum.
 */
public final class Hold {

	/** The reason of a hold that ran into its maximum. */
	public static final String MAX_HOLD = "max-hold";

	/** The reason of a hold cut short by an interrupt. */
	public static final String INTERRUPTED = "interrupted";

	private final HoldStrategy strategy;

	private final HoldBounds bounds;

	private final TrafficMonitor traffic;

	private final Ticker ticker;

	private final long startNanos;

	private final double rateBeforeDrain;

	private final long arrivalsBeforeDrain;

	private final TrafficHistory historyBeforeDrain;

	private final Map<String, SourceBefore> sourcesBeforeDrain = new LinkedHashMap<>();

	/**
	 * Starts a hold now: takes the measure of the traffic before it, its rate and its silences.
	 * @param strategy the strategy
	 * @param bounds the bounds
	 * @param traffic the application's traffic
	 * @param ticker the time source
	 */
	public Hold(HoldStrategy strategy, HoldBounds bounds, TrafficMonitor traffic, Ticker ticker) {
		this.strategy = strategy;
		this.bounds = bounds;
		this.traffic = traffic;
		this.ticker = ticker;
		this.startNanos = ticker.nanos();
		this.rateBeforeDrain = traffic.arrivalRate(this.startNanos);
		this.arrivalsBeforeDrain = traffic.arrivals();
		this.historyBeforeDrain = traffic.history(this.startNanos);
		traffic.sources()
			.forEach((address, source) -> this.sourcesBeforeDrain.put(address,
					new SourceBefore(source.history(this.startNanos), source.arrivalRate(this.startNanos))));
	}

	/**
	 * Runs the hold to its end on the calling thread.
	 * @return how it ended
	 */
	public HoldOutcome run() {
		try {
			while (true) {
				HoldContext context = context();
				Duration elapsed = context.elapsed();
				HoldDecision decision = this.strategy.evaluate(context);
				if (decision.isRelease() && elapsed.compareTo(this.bounds.minHold()) >= 0) {
					return outcome(decision.releaseReason(), decision.detail());
				}
				if (elapsed.compareTo(this.bounds.maxHold()) >= 0) {
					return outcome(MAX_HOLD, null);
				}
				this.ticker.sleep(nextWait(elapsed));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return outcome(INTERRUPTED, null);
		}
	}

	private Duration nextWait(Duration elapsed) {
		Duration wait = this.bounds.checkInterval();
		Duration untilMax = this.bounds.maxHold().minus(elapsed);
		return (untilMax.compareTo(wait) < 0) ? untilMax : wait;
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
		// A silence that ended with a request during the hold happened while the load balancer
		// still routed: as ordinary as the silences before the drain.
		TrafficHistory history = this.historyBeforeDrain.withSilence(this.traffic.longestSilence(this.startNanos, now));
		return new HoldContext(Duration.ofNanos(now - this.startNanos), this.rateBeforeDrain, requestsSinceStart(), span,
				Duration.ofNanos(Math.max(0, now - quietSince)), history, sourceContexts(now));
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
			// A source first seen during the hold has no history of its own to judge it by.
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
	 * Returns the arrival rate measured before the hold started.
	 * @return requests per second
	 */
	public double rateBeforeDrain() {
		return this.rateBeforeDrain;
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
