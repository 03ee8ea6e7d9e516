package dev.zdt.boot.web.autoconfigure;

import java.util.List;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.autoconfigure.ZdtProperties;
import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.web.ConnectionDrainer;
import dev.zdt.boot.web.DrainFilter;
import dev.zdt.boot.web.TrafficClassifier;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.time.Ticker;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Puts the {@link DrainFilter} in front of every application request of a servlet web
 * application.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBean(DrainCoordinator.class)
public final class ZdtServletAutoConfiguration {

	private static final String MVC_SERVLET_PATH = "spring.mvc.servlet.path";

	@Bean
	FilterRegistrationBean<DrainFilter> zdtDrainFilter(DrainCoordinator coordinator, ZdtProperties properties,
			Environment environment, ObjectProvider<ConnectionDrainer> connections) {
		TrafficClassifier classifier = new TrafficClassifier(excludedPaths(properties, environment),
				properties.getTraffic().getExcludedUserAgents());
		DrainFilter filter = new DrainFilter(coordinator, classifier, properties.getDrain().isConnectionClose(),
				connections.getIfAvailable());
		FilterRegistrationBean<DrainFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("zdtDrainFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setAsyncSupported(true);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	private static List<String> excludedPaths(ZdtProperties properties, Environment environment) {
		// On the application port actuator lives under the DispatcherServlet's path
		// (/app/actuator).
		return ExcludedPaths.of(properties, environment,
				Binder.get(environment).bind(MVC_SERVLET_PATH, String.class).orElse(""));
	}

	/**
	 * Ends the web server's connections as each protocol allows, on the servers zdt
	 * knows.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BootWebServers.INITIALIZED_EVENT)
	static class ConnectionsConfiguration {

		@Bean
		ConnectionDrainer zdtConnectionDrainer(ApplicationContext context, ZdtProperties properties,
				ObjectProvider<Ticker> ticker) {
			return ConnectionDrainer.forWebServers(context, properties.getDrain().isConnectionClose(),
					ticker.getIfAvailable(Ticker::system));
		}

		@Bean
		ApplicationListener<?> zdtWebServerStartedListener(ConnectionDrainer zdtConnectionDrainer) {
			return zdtConnectionDrainer.webServerStartedListener();
		}

	}

}
