package dev.zdt.core.hold;

import java.time.Duration;

/**
 * How a hold ended.
 *
 * @param reason why it ended: a strategy's reason, {@value Hold#MAX_HOLD} or
 * {@value Hold#INTERRUPTED}
 * @param held how long it lasted
 * @param requestsDuringHold application requests that arrived while it lasted
 * @since 0.1.0
 */
public record HoldOutcome(String reason, Duration held, long requestsDuringHold) {

}
