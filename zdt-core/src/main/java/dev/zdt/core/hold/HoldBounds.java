package dev.zdt.core.hold;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits every hold obeys, whatever its strategy says.
 *
 * @param minHold no release before this much time has passed
 * @param maxHold the hold always ends when this much time has passed
 * @param checkInterval how often the strategy is asked
 * @since 0.1.0
 */
public record HoldBounds(Duration minHold, Duration maxHold, Duration checkInterval) {

	/**
	 * Validates the bounds.
	 * @param minHold no release before this much time has passed
	 * @param maxHold the hold always ends when this much time has passed
	 * @param checkInterval how often the strategy is asked
	 */
	public HoldBounds {
		Objects.requireNonNull(minHold, "minHold");
		Objects.requireNonNull(maxHold, "maxHold");
		Objects.requireNonNull(checkInterval, "checkInterval");
		if (minHold.isNegative()) {
			throw new IllegalArgumentException("minHold must not be negative");
		}
		if (maxHold.compareTo(minHold) < 0) {
			throw new IllegalArgumentException("maxHold must not be shorter than minHold");
		}
		if (checkInterval.isNegative() || checkInterval.isZero()) {
			throw new IllegalArgumentException("checkInterval must be positive");
		}
	}

}
