package dev.zdt.core.hold;

import java.time.Duration;

import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficMonitor;

/**
 * One hold: asks the strategy every check interval until it releases, never before the minimum
 * and never after the maximum.
 *
 * @since 0.1.0
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

	/**
	 * Starts a hold now: takes the measure of the traffic before it.
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
					return outcome(decision.releaseReason());
				}
				if (elapsed.compareTo(this.bounds.maxHold()) >= 0) {
					return outcome(MAX_HOLD);
				}
				this.ticker.sleep(nextWait(elapsed));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return outcome(INTERRUPTED);
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
		return new HoldContext(Duration.ofNanos(now - this.startNanos), this.rateBeforeDrain, requestsSinceStart(), span,
				Duration.ofNanos(Math.max(0, now - quietSince)));
	}

	private long requestsSinceStart() {
		return this.traffic.arrivals() - this.arrivalsBeforeDrain;
	}

	private HoldOutcome outcome(String reason) {
		return new HoldOutcome(reason, Duration.ofNanos(this.ticker.nanos() - this.startNanos), requestsSinceStart());
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

}
