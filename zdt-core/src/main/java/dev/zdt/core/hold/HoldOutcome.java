package dev.zdt.core.hold;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a hold ended.
 *
 * @param reason why it ended: a strategy's reason, {@value Hold#MAX_HOLD} or
 * {@value Hold#INTERRUPTED}
 * @param held how long it lasted
 * @param requestsDuringHold application requests that arrived while it lasted
 * @param detail the rule and the numbers behind the strategy's release, or {@code null}
 * @since 0.1.0
 */
public record HoldOutcome(String reason, Duration held, long requestsDuringHold, @Nullable String detail) {

	/**
	 * Creates an outcome without detail.
	 * @param reason why it ended
	 * @param held how long it lasted
	 * @param requestsDuringHold application requests that arrived while it lasted
	 */
	public HoldOutcome(String reason, Duration held, long requestsDuringHold) {
		this(reason, held, requestsDuringHold, null);
	}

}
