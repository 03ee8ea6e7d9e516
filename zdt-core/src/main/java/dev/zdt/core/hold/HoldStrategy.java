package dev.zdt.core.hold;

import java.util.Objects;

/**
 * Decides when a drain may stop holding because the load balancer has stopped routing new
 * requests to this instance. For every hold, the drain {@linkplain #start(HoldContext)
 * starts} a fresh {@link HoldEvaluator}, which holds that hold's state and is asked until
 * the hold ends; the strategy itself keeps only what outlives a hold (configuration,
 * clients, a background poller).
 * <p>
 * A strategy without hold-scoped state can implement {@link HoldEvaluator} too and return
 * itself from {@link #start(HoldContext)}, or be made from a lambda with
 * {@link #stateless(String, HoldEvaluator)}.
 *
 * @see HoldStrategies
 * @since 0.1.0
 */
public interface HoldStrategy {

	/**
	 * Starts judging one hold. Called on a thread of the hold's own as the hold starts,
	 * and on a thread of its own for the status endpoint while serving (as if a drain
	 * started now, the evaluator then discarded): should return at once, without I/O and
	 * without effects beyond the new evaluator. One that has not returned by the maximum
	 * hold ends the hold there, as a strategy that fails does; the status waits for it at
	 * most a second.
	 * @param context what is known as the hold starts
	 * @return the evaluator of this hold
	 */
	HoldEvaluator start(HoldContext context);

	/**
	 * Returns the name shown in logs, metrics and the status endpoint.
	 * @return the name of the strategy
	 */
	String name();

	/**
	 * Returns a strategy without hold-scoped state: every hold is judged by the same
	 * evaluator.
	 * @param name the name of the strategy
	 * @param evaluator the evaluator of every hold
	 * @return the strategy
	 */
	static HoldStrategy stateless(String name, HoldEvaluator evaluator) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(evaluator, "evaluator");
		return new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				return evaluator;
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public String toString() {
				return name;
			}

		};
	}

}
