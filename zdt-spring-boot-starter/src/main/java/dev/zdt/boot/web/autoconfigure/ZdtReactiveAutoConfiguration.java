package dev.zdt.boot.web.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.autoconfigure.ZdtProperties;
import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.web.ConnectionDrainer;
import dev.zdt.boot.web.TrafficClassifier;
import dev.zdt.boot.web.reactive.DrainWebFilter;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.time.Ticker;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

/**
 * Puts the {@link DrainWebFilter} in front of every application request of a reactive
 * (WebFlux) web application, with the same {@code zdt.*} properties as the servlet
 * filter.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Mono.class })
@ConditionalOnBean(DrainCoordinator.class)
public final class ZdtReactiveAutoConfiguration {

	@Bean
	DrainWebFilter zdtDrainWebFilter(DrainCoordinator coordinator, ZdtProperties properties, Environment environment,
			ApplicationContext applicationContext, ObjectProvider<ConnectionDrainer> connections) {
		// spring.webflux.base-path is the context path, which the classifier leaves out.
		TrafficClassifier classifier = new TrafficClassifier(ExcludedPaths.of(properties, environment, ""),
				properties.getTraffic().getExcludedUserAgents());
		return new DrainWebFilter(coordinator, classifier, properties.getDrain().isConnectionClose(),
				applicationContext, connections.getIfAvailable());
	}

	/**
	 * Ends Reactor Netty's connections as each protocol allows (GOAWAY on HTTP/2, idle
	 * HTTP/1.x keep-alive connections closed when the hold ends).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { BootWebServers.INITIALIZED_EVENT, BootWebServers.REACTOR_NETTY_FACTORY })
	static class ConnectionsConfiguration {

		@Bean
		ConnectionDrainer zdtConnectionDrainer(ApplicationContext context, ZdtProperties properties,
				ObjectProvider<Ticker> ticker) {
			return ConnectionDrainer.forReactiveWebServers(context, properties.getDrain().isConnectionClose(),
					ticker.getIfAvailable(Ticker::system));
		}

		@Bean
		ApplicationListener<?> zdtWebServerStartedListener(ConnectionDrainer zdtConnectionDrainer) {
			return zdtConnectionDrainer.webServerStartedListener();
		}

		@Bean
		WebServerFactoryCustomizer<?> zdtReactorNettyConnections(ConnectionDrainer zdtConnectionDrainer) {
			return zdtConnectionDrainer.reactorNettyCustomizer();
		}

	}

}
