package dev.zdt.core.hold;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a hold ended.
 *
 * @param reason why it ended: a strategy's reason, {@value #MAX_HOLD},
 * {@value #NEVER_READY} or {@value #INTERRUPTED}
 * @param held how long it lasted
 * @param requestsDuringHold application requests that arrived while it lasted
 * @param detail the rule and the numbers behind the strategy's release, or {@code null}
 * @since 0.1.0
 */
public record HoldOutcome(String reason, Duration held, long requestsDuringHold, @Nullable String detail) {

	/** The reason of a hold that ran into its maximum. */
	public static final String MAX_HOLD = "max-hold";

	/**
	 * The reason of a hold that ended as it started, because the instance had never been
	 * ready: no load balancer routes to an instance that never passed its readiness
	 * check, so there was nothing to wait for.
	 */
	public static final String NEVER_READY = "never-ready";

	/** The reason of a hold cut short by an interrupt. */
	public static final String INTERRUPTED = "interrupted";

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
