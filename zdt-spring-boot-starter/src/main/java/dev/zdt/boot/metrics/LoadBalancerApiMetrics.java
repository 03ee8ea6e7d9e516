package dev.zdt.boot.metrics;

import java.util.Map;
import java.util.Objects;

import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the load balancer strategy's API calls (the ELBv2 {@code Describe*} calls of
 * {@code zdt.drain.strategy=aws-target-health}): the calls this process made and the ones
 * the API throttled, read from the strategy's details when the meters are read, and the
 * calls and throttled calls of each hold, recorded when it ends. The ELBv2 rate limit is
 * shared by the whole account, the AWS Load Balancer Controller included: throttled calls
 * are the sign that a fleet asks too much.
 *
 * @since 0.1.0
 */
public final class LoadBalancerApiMetrics implements MeterBinder, DrainListener {

	private final LoadBalancerHoldStrategySupplier loadBalancer;

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Creates the meters of the given strategy supplier.
	 * @param loadBalancer the supplier whose details count the calls
	 */
	public LoadBalancerApiMetrics(LoadBalancerHoldStrategySupplier loadBalancer) {
		this.loadBalancer = Objects.requireNonNull(loadBalancer, "loadBalancer");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		FunctionCounter.builder("zdt.aws.api.calls", this, (metrics) -> metrics.count("calls"))
			.description("ELBv2 API calls of the ALB hold strategy (DescribeTargetHealth, "
					+ "DescribeTargetGroupAttributes)")
			.baseUnit("calls")
			.register(registry);
		FunctionCounter.builder("zdt.aws.api.throttled", this, (metrics) -> metrics.count("throttledCalls"))
			.description("ELBv2 API calls of the ALB hold strategy that the API answered Throttling")
			.baseUnit("calls")
			.register(registry);
	}

	@Override
	public void holdEnded(DrainResult result) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Map<String, Object> details = details();
		if (details.get("holdCalls") instanceof Number calls) {
			DistributionSummary.builder("zdt.aws.hold.calls")
				.description("ELBv2 API calls of the ALB hold strategy during one hold")
				.baseUnit("calls")
				.register(registry)
				.record(calls.doubleValue());
		}
		if (details.get("holdThrottledCalls") instanceof Number throttled) {
			DistributionSummary.builder("zdt.aws.hold.throttled")
				.description("ELBv2 API calls of the ALB hold strategy that were throttled during one hold")
				.baseUnit("calls")
				.register(registry)
				.record(throttled.doubleValue());
		}
	}

	private double count(String key) {
		return (details().get(key) instanceof Number number) ? number.doubleValue() : 0;
	}

	private Map<String, Object> details() {
		try {
			return this.loadBalancer.details();
		}
		catch (RuntimeException ex) {
			// The details need the target's port: before the web server has one, no call
			// was made either.
			return Map.of();
		}
	}

}
