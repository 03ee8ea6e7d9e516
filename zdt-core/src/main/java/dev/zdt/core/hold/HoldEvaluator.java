package dev.zdt.core.hold;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One hold's judge: {@linkplain HoldStrategy#start(HoldContext) started} by a strategy
 * for every hold, it owns whatever that hold needs to remember (what it has seen, since
 * when), so that the next hold, such as a drain after a cancel, starts over with a fresh
 * one. It is asked again and again during its hold, from a single thread, and should
 * answer quickly; the hold's minimum and maximum are enforced by the caller, never by the
 * evaluator. It is never asked once the maximum is reached, and one still answering then
 * does not extend the hold (its thread is interrupted). One that throws is not asked
 * again: the hold runs to its maximum.
 * <p>
 * A strategy without hold-scoped state can be its own evaluator, or be written as a
 * lambda with {@link HoldStrategy#stateless(String, HoldEvaluator)}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoldEvaluator {

	/**
	 * Looks at the evidence and decides whether the hold can end.
	 * @param context what is known at this point of the hold
	 * @return {@link HoldDecision#keepHolding()} or a release with its reason
	 */
	HoldDecision evaluate(HoldContext context);

	/**
	 * Returns the evidence weighed in the given context, for the status endpoint: e.g.
	 * the silence required and the rule that sets it. Called from any thread; must not
	 * change the evaluator's state.
	 * @param context what is known at this point of the hold
	 * @return the evidence by name, empty by default
	 */
	default Map<String, Object> evidence(HoldContext context) {
		return Map.of();
	}

	/**
	 * Returns when, in this hold, this evaluator saw the load balancer let go of this
	 * instance (e.g. an ALB target {@code draining} or no longer registered): only an
	 * evaluator that reads the load balancer's own view can tell. From then on,
	 * {@link HoldStrategies#preferring} lets each source's traffic decide. Called from
	 * any thread.
	 * @return the time since the start of the hold ({@link HoldContext#elapsed()}), or
	 * {@code null}, the default, while not seen or when this evaluator cannot tell
	 */
	default @Nullable Duration letGoSeenAt() {
		return null;
	}

}
