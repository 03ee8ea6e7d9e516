package dev.zdt.core.hold;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds for a fixed delay, as a {@code preStop: sleep} would, whatever the traffic says.
 * It keeps no state, so it judges every hold itself.
 *
 * @since 0.1.0
 */
public final class FixedDelayStrategy implements HoldStrategy, HoldEvaluator {

	/** The release reason of this strategy. */
	public static final String REASON = "delay";

	private final Duration delay;

	/**
	 * Creates a strategy that releases once the given delay has passed.
	 * @param delay how long to hold
	 */
	public FixedDelayStrategy(Duration delay) {
		this.delay = Objects.requireNonNull(delay, "delay");
	}

	@Override
	public HoldEvaluator start(HoldContext context) {
		return this;
	}

	@Override
	public HoldDecision evaluate(HoldContext context) {
		return (context.elapsed().compareTo(this.delay) >= 0) ? HoldDecision.release(REASON)
				: HoldDecision.keepHolding();
	}

	@Override
	public String name() {
		return "fixed";
	}

	/**
	 * Returns the delay.
	 * @return the delay
	 */
	public Duration delay() {
		return this.delay;
	}

}
