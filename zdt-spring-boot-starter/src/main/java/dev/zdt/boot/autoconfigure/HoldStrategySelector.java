package dev.zdt.boot.autoconfigure;

import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldStrategies;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.hold.TrafficQuietStrategy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code zdt.drain.strategy} into a {@link HoldStrategy}.
 */
final class HoldStrategySelector {

	private HoldStrategySelector() {
	}

	static HoldStrategy select(ZdtProperties.Drain drain, @Nullable LoadBalancerHoldStrategySupplier loadBalancer) {
		return switch (drain.getStrategy()) {
			case FIXED -> new FixedDelayStrategy(drain.getDelay());
			case ADAPTIVE -> adaptive(drain);
			case AUTO -> (loadBalancer != null) ? preferLoadBalancer(loadBalancer, drain) : adaptive(drain);
			case AWS_TARGET_HEALTH -> {
				if (loadBalancer == null) {
					throw new InvalidConfigurationPropertyValueException("zdt.drain.strategy", "aws-target-health",
							"needs dev.zdt:zdt-aws on the classpath with AWS enabled (see zdt.aws.*); "
									+ "or choose auto, adaptive or fixed");
				}
				yield preferLoadBalancer(loadBalancer, drain);
			}
		};
	}

	/**
	 * The load balancer's word first: a silence in the traffic ends the hold only while
	 * the load balancer cannot answer, or once it reports that it has let go; and a
	 * source still sending then keeps the hold past the propagation margin.
	 */
	private static HoldStrategy preferLoadBalancer(LoadBalancerHoldStrategySupplier loadBalancer,
			ZdtProperties.Drain drain) {
		return HoldStrategies.preferring(loadBalancer.strategy(), loadBalancer::isAnswering, adaptive(drain));
	}

	private static TrafficQuietStrategy adaptive(ZdtProperties.Drain drain) {
		return new TrafficQuietStrategy(drain.getAdaptive().getMinQuiet(),
				drain.getAdaptive().getFalseReleaseProbability());
	}

}
