package dev.zdt.core;

import dev.zdt.core.hold.HoldOutcome;

/**
 * The result of a drain, the same for every caller that joined it.
 *
 * @param trigger what started the drain
 * @param strategy the name of the hold strategy
 * @param outcome how the hold ended
 * @since 0.1.0
 */
public record DrainResult(DrainTrigger trigger, String strategy, HoldOutcome outcome) {

}
