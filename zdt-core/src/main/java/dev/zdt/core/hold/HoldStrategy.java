package dev.zdt.core.hold;

/**
 * Decides when a drain may stop holding because the load balancer has stopped routing new
 * requests to this instance. Implementations are asked again and again during the hold,
 * from a single thread, and should answer quickly; the hold's minimum and maximum are enforced
 * by the caller, never by the strategy.
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

}
