package dev.zdt.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the drain for status pages and metrics.
 *
 * @param state the current state
 * @param trigger what started the drain, or {@code null} while serving
 * @param drainStartedAt when the drain started, or {@code null} while serving
 * @param holdElapsed how long the hold has lasted so far, or lasted in all once it ended
 * ({@link Duration#ZERO} while serving)
 * @param holdEndReason why the hold ended, or {@code null} until it has
 * @param strategy the name of the hold strategy
 * @param minHold the shortest hold
 * @param maxHold the longest hold
 * @param inFlight application requests in flight
 * @param requestsAfterDrainStart application requests that arrived after the drain
 * started
 * @param rateBeforeDrain application requests per second measured before the drain
 * started (the current rate while serving)
 * @param holdFailure why the hold fell back to its maximum (the hold strategy failed, or
 * the hold did not end in time), as the exception's class and message; {@code null} when
 * it did not
 * @since 0.1.0
 */
public record DrainStatus(DrainState state, @Nullable DrainTrigger trigger, @Nullable Instant drainStartedAt,
		Duration holdElapsed, @Nullable String holdEndReason, String strategy, Duration minHold, Duration maxHold,
		int inFlight, long requestsAfterDrainStart, double rateBeforeDrain, @Nullable String holdFailure) {

}
