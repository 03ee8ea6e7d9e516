package dev.zdt.boot.aws.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.zdt.aws.TargetHealthStrategy;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Supplies the {@link TargetHealthStrategy} to the zdt starter, which follows it and lets
 * the traffic strategy decide only while the ELBv2 API fails, shows its details in
 * {@code /actuator/zdt} and checks the deregistration delay against the shutdown budget.
 *
 * @since 0.1.0
 */
final class AwsTargetHealthStrategySupplier implements LoadBalancerHoldStrategySupplier, DisposableBean {

	private final TargetHealthStrategy strategy;

	private final Duration startupWait;

	/**
	 * Creates a supplier.
	 * @param strategy the strategy, already asked to
	 * {@link TargetHealthStrategy#prepare()}
	 * @param startupWait how long {@link #deregistrationDelay()} waits at most for the
	 * preparation to read the delay
	 */
	AwsTargetHealthStrategySupplier(TargetHealthStrategy strategy, Duration startupWait) {
		this.strategy = Objects.requireNonNull(strategy, "strategy");
		this.startupWait = Objects.requireNonNull(startupWait, "startupWait");
	}

	@Override
	public HoldStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Returns {@code false} once the strategy has given up on the ELBv2 API (a permanent
	 * fault), once its hold stopped asking, or while its last call failed other than by
	 * throttling (see {@link TargetHealthStrategy#isAnswering()}); {@code true} before
	 * the first answer, so that the traffic never decides before the load balancer has
	 * had a chance to.
	 */
	@Override
	public boolean isAnswering() {
		return this.strategy.isAnswering();
	}

	@Override
	public Map<String, Object> details() {
		return this.strategy.details();
	}

	@Override
	public @Nullable Duration deregistrationDelay() {
		return this.strategy.deregistrationDelay(this.startupWait);
	}

	@Override
	public @Nullable Duration drainingSeenAt() {
		return this.strategy.drainingSeenAt();
	}

	@Override
	public void destroy() {
		this.strategy.close();
	}

}
