package dev.zdt.boot.actuate.autoconfigure;

import java.util.Map;

import dev.zdt.boot.actuate.ZdtEndpoint;
import dev.zdt.boot.actuate.ZdtReactiveWebExtension;
import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.autoconfigure.ZdtProperties;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.work.ShutdownParticipants;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

/**
 * Auto-configuration of the {@link ZdtEndpoint}, and on WebFlux of its
 * {@link ZdtReactiveWebExtension}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class,
		afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(DrainCoordinator.class)
@EnableConfigurationProperties(ZdtEndpointProperties.class)
public final class ZdtEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(ZdtEndpoint.class)
	ZdtEndpoint zdtEndpoint(DrainCoordinator coordinator, LongLivedConnections longLived,
			ObjectProvider<LoadBalancerHoldStrategySupplier> loadBalancer, ZdtProperties properties,
			ZdtEndpointProperties endpointProperties, ObjectProvider<ShutdownParticipants> participants) {
		return new ZdtEndpoint(coordinator, longLived, () -> {
			LoadBalancerHoldStrategySupplier supplier = loadBalancer.getIfUnique();
			return (supplier != null) ? supplier.details() : Map.of();
		}, properties.getDrain().getToken(), endpointProperties.getShowDetails(), participants::getIfAvailable);
	}

	@Bean
	EndpointExposureCheck zdtEndpointExposureCheck(ZdtProperties properties, Environment environment,
			ObjectProvider<PathMappedEndpoints> endpoints) {
		return new EndpointExposureCheck(properties, environment, endpoints);
	}

	/**
	 * On WebFlux the operations read the calling request through the Reactor context.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "reactor.core.publisher.Mono")
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(endpoint = ZdtEndpoint.class)
		ZdtReactiveWebExtension zdtReactiveWebExtension(ZdtEndpoint endpoint) {
			return new ZdtReactiveWebExtension(endpoint);
		}

		@Bean
		@ConditionalOnMissingBean(ServerWebExchangeContextFilter.class)
		@ConditionalOnAvailableEndpoint(endpoint = ZdtEndpoint.class)
		ServerWebExchangeContextFilter zdtServerWebExchangeContextFilter() {
			return new ServerWebExchangeContextFilter();
		}

	}

}
