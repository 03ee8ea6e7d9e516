package dev.zdt.core.hold;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@link HoldStrategy}: keep holding, or release with a reason.
 *
 * @param releaseReason why the hold can end, or {@code null} to keep holding
 * @param detail the rule and the numbers behind a release, for the log, or {@code null}
 * @since 0.1.0
 */
public record HoldDecision(@Nullable String releaseReason, @Nullable String detail) {

	private static final HoldDecision KEEP_HOLDING = new HoldDecision(null, null);

	/**
	 * Returns the decision to keep holding.
	 * @return the decision
	 */
	public static HoldDecision keepHolding() {
		return KEEP_HOLDING;
	}

	/**
	 * Returns the decision to end the hold.
	 * @param reason a short kebab-case reason, such as {@code traffic-quiet}
	 * @return the decision
	 */
	public static HoldDecision release(String reason) {
		return new HoldDecision(Objects.requireNonNull(reason, "reason"), null);
	}

	/**
	 * Returns the decision to end the hold, with the rule that decided it.
	 * @param reason a short kebab-case reason, such as {@code traffic-quiet}
	 * @param detail the rule and its numbers, e.g. {@code silence 6.1s >= 6.0s (2.6 x the
	 * longest silence before the drain)}
	 * @return the decision
	 */
	public static HoldDecision release(String reason, String detail) {
		return new HoldDecision(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(detail, "detail"));
	}

	/**
	 * Returns whether the hold can end.
	 * @return {@code true} to release
	 */
	public boolean isRelease() {
		return this.releaseReason != null;
	}

}
