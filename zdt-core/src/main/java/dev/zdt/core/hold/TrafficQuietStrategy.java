package dev.zdt.core.hold;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Releases when the application's own traffic has been silent long enough that the silence is
 * strong evidence the load balancer has stopped routing to this instance.
 * <p>
 * If requests arrive as a Poisson process with rate λ, a silence of length T happens by chance
 * with probability e<sup>-λT</sup>. The strategy waits for the T at which that probability
 * falls to {@code falseReleaseProbability}, using the lower of the rate measured before the
 * drain and the rate seen during it (traffic that thins out as load balancer nodes let go one by
 * one must not shorten the wait). It never waits less than {@code minQuiet}. With little traffic
 * the required silence grows past any sensible hold, so the caller's maximum applies.
 *
 * @since 0.1.0
 */
public final class TrafficQuietStrategy implements HoldStrategy {

	/** The release reason of this strategy. */
	public static final String REASON = "traffic-quiet";

	/** The default chance of mistaking a random gap in traffic for the load balancer letting go. */
	public static final double DEFAULT_FALSE_RELEASE_PROBABILITY = 1e-6;

	private final Duration minQuiet;

	private final double silenceRateProduct;

	/**
	 * Creates a strategy.
	 * @param minQuiet the shortest silence that ever ends the hold
	 * @param falseReleaseProbability the accepted chance that the silence is a random gap in
	 * traffic, between 0 and 1 exclusive
	 */
	public TrafficQuietStrategy(Duration minQuiet, double falseReleaseProbability) {
		this.minQuiet = Objects.requireNonNull(minQuiet, "minQuiet");
		if (!(falseReleaseProbability > 0 && falseReleaseProbability < 1)) {
			throw new IllegalArgumentException("falseReleaseProbability must be between 0 and 1 exclusive");
		}
		this.silenceRateProduct = -Math.log(falseReleaseProbability);
	}

	@Override
	public HoldDecision evaluate(HoldContext context) {
		Duration required = requiredQuiet(context);
		if (required != null && context.quietFor().compareTo(required) >= 0) {
			return HoldDecision.release(REASON);
		}
		return HoldDecision.keepHolding();
	}

	/**
	 * Returns the silence that would end the hold in the given context.
	 * @param context the hold context
	 * @return the required silence, or {@code null} when there is no traffic to judge by
	 */
	public @Nullable Duration requiredQuiet(HoldContext context) {
		double rate = conservativeRate(context);
		if (!(rate > 0)) {
			return null;
		}
		double seconds = this.silenceRateProduct / rate;
		if (seconds > Duration.ofDays(1).toSeconds()) {
			return null;
		}
		Duration fromRate = Duration.ofNanos((long) (seconds * 1e9));
		return (fromRate.compareTo(this.minQuiet) > 0) ? fromRate : this.minQuiet;
	}

	private double conservativeRate(HoldContext context) {
		double rate = context.rateBeforeDrain();
		long during = context.requestsSinceDrainStart();
		if (during >= 2 && !context.trafficSpan().isZero()) {
			double rateDuring = during / (context.trafficSpan().toNanos() / 1e9);
			rate = Math.min(rate, rateDuring);
		}
		return rate;
	}

	@Override
	public String name() {
		return "adaptive";
	}

}
