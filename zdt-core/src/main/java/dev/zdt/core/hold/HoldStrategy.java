package dev.zdt.core.hold;

import java.util.Map;

/**
 * Decides when a drain may stop holding because the load balancer has stopped routing new
 * requests to this instance. Implementations are asked again and again during the hold,
 * from a single thread, and should answer quickly; the hold's minimum and maximum are enforced
 * by the caller, never by the strategy. A strategy is never asked once the maximum is reached,
 * and one still answering then does not extend the hold (its thread is interrupted). A strategy
 * that throws is not asked again: the hold runs to its maximum.
 *
 * @see HoldStrategies
 * @since 0.1.0
 */
public interface HoldStrategy {

	/**
	 * Looks at the evidence and decides whether the hold can end.
	 * @param context what is known at this point of the hold
	 * @return {@link HoldDecision#keepHolding()} or a release with its reason
	 */
	HoldDecision evaluate(HoldContext context);

	/**
	 * Returns the name shown in logs, metrics and the status endpoint.
	 * @return the name of the strategy
	 */
	String name();

	/**
	 * Returns the evidence this strategy weighs in the given context, for the status endpoint:
	 * e.g. the silence it requires and the rule that sets it. Called from any thread; must not
	 * change the strategy's state.
	 * @param context what is known at this point of the hold
	 * @return the evidence by name, empty by default
	 */
	default Map<String, Object> evidence(HoldContext context) {
		return Map.of();
	}

}
