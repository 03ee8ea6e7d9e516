package dev.zdt.boot.metrics.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.metrics.DrainMetrics;
import dev.zdt.boot.metrics.LoadBalancerApiMetrics;
import dev.zdt.boot.metrics.LongLivedConnectionMetrics;
import dev.zdt.boot.metrics.WorkMetrics;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.work.ShutdownParticipants;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the drain's Micrometer meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class,
		afterName = "dev.zdt.boot.work.autoconfigure.ZdtWorkAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(DrainCoordinator.class)
public final class ZdtMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DrainMetrics zdtDrainMetrics(ObjectProvider<DrainCoordinator> coordinator) {
		return new DrainMetrics(coordinator::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LoadBalancerHoldStrategySupplier.class)
	LoadBalancerApiMetrics zdtLoadBalancerApiMetrics(LoadBalancerHoldStrategySupplier loadBalancer) {
		return new LoadBalancerApiMetrics(loadBalancer);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LongLivedConnections.class)
	LongLivedConnectionMetrics zdtLongLivedConnectionMetrics(LongLivedConnections connections) {
		return new LongLivedConnectionMetrics(connections);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ShutdownParticipants.class)
	WorkMetrics zdtWorkMetrics(ShutdownParticipants participants) {
		return new WorkMetrics(participants);
	}

}
