package dev.zdt.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Once the hold has ended, shortens the web server's graceful shutdown to what is left of the
 * load balancer's deregistration delay, counted from when the load balancer was seen draining
 * this instance: when it expires the load balancer cuts the connections anyway, so waiting
 * longer for requests in flight only delays the exit.
 */
final class InFlightWaitCap implements DrainListener {

	private final Supplier<@Nullable DefaultLifecycleProcessor> processor;

	private final int gracefulShutdownPhase;

	private final Duration shutdownTimeout;

	private final Supplier<@Nullable LoadBalancerHoldStrategySupplier> loadBalancer;

	InFlightWaitCap(Supplier<@Nullable DefaultLifecycleProcessor> processor, int gracefulShutdownPhase,
			Duration shutdownTimeout, Supplier<@Nullable LoadBalancerHoldStrategySupplier> loadBalancer) {
		this.processor = processor;
		this.gracefulShutdownPhase = gracefulShutdownPhase;
		this.shutdownTimeout = shutdownTimeout;
		this.loadBalancer = loadBalancer;
	}

	@Override
	public void holdEnded(DrainResult result) {
		Duration cap = cap(result.outcome().held());
		DefaultLifecycleProcessor lifecycleProcessor = this.processor.get();
		if (cap != null && lifecycleProcessor != null) {
			lifecycleProcessor.setTimeoutForShutdownPhase(this.gracefulShutdownPhase, cap.toMillis());
		}
	}

	/**
	 * Returns the in-flight wait after a hold of the given length, if the deregistration delay
	 * makes it shorter than the shutdown timeout. The delay runs from when the load balancer
	 * turned the instance {@code draining}; when that time is unknown (the hold ended on other
	 * evidence) nothing is capped, since counting from the start of the hold would cut requests
	 * that the load balancer still lets finish.
	 * @param held how long the hold lasted
	 * @return the capped wait, or {@code null} to keep the shutdown timeout
	 */
	@Nullable Duration cap(Duration held) {
		LoadBalancerHoldStrategySupplier loadBalancer = this.loadBalancer.get();
		Duration delay = (loadBalancer != null) ? loadBalancer.deregistrationDelay() : null;
		Duration drainingSeenAt = (loadBalancer != null) ? loadBalancer.drainingSeenAt() : null;
		if (delay == null || drainingSeenAt == null) {
			return null;
		}
		Duration drainingFor = held.minus(drainingSeenAt);
		Duration left = delay.minus(drainingFor.isNegative() ? Duration.ZERO : drainingFor);
		if (left.isNegative()) {
			left = Duration.ZERO;
		}
		return (left.compareTo(this.shutdownTimeout) < 0) ? left : null;
	}

}
