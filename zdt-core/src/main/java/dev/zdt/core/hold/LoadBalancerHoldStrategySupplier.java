package dev.zdt.core.hold;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Supplies a hold strategy that reads the load balancer's own view of this instance, such
 * as the ALB's target health. When the zdt starter finds a bean of this type,
 * {@code zdt.drain.strategy=auto} follows it ({@link HoldStrategies#preferring}): the
 * application's traffic ends the hold while {@link #isAnswering()} is {@code false}, or
 * once the strategy's evaluator reports that the load balancer has let go
 * ({@link HoldEvaluator#letGoSeenAt()}); and a source still sending after that keeps the
 * hold past the strategy's own release.
 *
 * @since 0.1.0
 */
public interface LoadBalancerHoldStrategySupplier {

	/**
	 * Returns the strategy that reads the load balancer.
	 * @return the strategy
	 */
	HoldStrategy strategy();

	/**
	 * Returns whether the load balancer answers now: {@code false} while its API fails,
	 * is unreachable or has been given up on. Only then, or once the load balancer has
	 * been seen letting go, may a silence in the application's traffic end the hold.
	 * Asked at every check of the hold, right after {@link #strategy()} evaluated. The
	 * default, {@code true}, never lets the traffic decide before the load balancer lets
	 * go: the maximum hold applies when it does not.
	 * @return whether the load balancer's answer is available
	 */
	default boolean isAnswering() {
		return true;
	}

	/**
	 * Returns details shown under {@code loadBalancer} by the zdt endpoint.
	 * @return the details, never {@code null}
	 */
	default Map<String, Object> details() {
		return Map.of();
	}

	/**
	 * Returns how long the load balancer lets requests in flight finish after it has let
	 * go of the instance (the ALB's deregistration delay), if known.
	 * @return the delay, or {@code null} when unknown
	 */
	default @Nullable Duration deregistrationDelay() {
		return null;
	}

	/**
	 * Returns when the strategy, in the last hold, first saw the load balancer draining
	 * this instance: the deregistration delay runs from there, not from the start of the
	 * hold. A time in the hold's own clock ({@link HoldContext#elapsed()}), no earlier
	 * than the load balancer's change of state.
	 * @return the time since the start of the hold, or {@code null} when the strategy did
	 * not see the instance draining in the last hold
	 */
	default @Nullable Duration drainingSeenAt() {
		return null;
	}

}
