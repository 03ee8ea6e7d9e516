package dev.zdt.boot.web.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.autoconfigure.ZdtProperties;
import dev.zdt.boot.web.TrafficClassifier;
import dev.zdt.boot.web.reactive.DrainWebFilter;
import dev.zdt.core.DrainCoordinator;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
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
			ApplicationContext applicationContext) {
		// spring.webflux.base-path is the context path, which the classifier leaves out.
		TrafficClassifier classifier = new TrafficClassifier(ExcludedPaths.of(properties, environment, ""),
				properties.getTraffic().getExcludedUserAgents());
		return new DrainWebFilter(coordinator, classifier, properties.getDrain().isConnectionClose(),
				applicationContext);
	}

}
