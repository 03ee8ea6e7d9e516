package dev.zdt.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.zdt.core.hold.HoldStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Supplies a hold strategy that reads the load balancer's own view of this instance, such as
 * the ALB's target health. When a bean of this type exists, {@code zdt.drain.strategy=auto}
 * asks it first and falls back on the application's traffic.
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
	 * Returns details shown under {@code loadBalancer} by the zdt endpoint.
	 * @return the details, never {@code null}
	 */
	default Map<String, Object> details() {
		return Map.of();
	}

	/**
	 * Returns how long the load balancer lets requests in flight finish after it has let go
	 * of the instance (the ALB's deregistration delay), if known.
	 * @return the delay, or {@code null} when unknown
	 */
	default @Nullable Duration deregistrationDelay() {
		return null;
	}

}
