package dev.zdt.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import dev.zdt.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.autoconfigure.ZdtProperties;
import dev.zdt.core.DrainCoordinator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
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

	private static final String MANAGEMENT_BASE_PATH = "management.endpoints.web.base-path";

	@Bean
	FilterRegistrationBean<DrainFilter> zdtDrainFilter(DrainCoordinator coordinator, ZdtProperties properties,
			Environment environment) {
		TrafficClassifier classifier = new TrafficClassifier(excludedPaths(properties, environment),
				properties.getTraffic().getExcludedUserAgents());
		DrainFilter filter = new DrainFilter(coordinator, classifier, properties.getDrain().isConnectionClose());
		FilterRegistrationBean<DrainFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("zdtDrainFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setAsyncSupported(true);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	private static List<String> excludedPaths(ZdtProperties properties, Environment environment) {
		List<String> paths = new ArrayList<>(properties.getTraffic().getExcludedPaths());
		String basePath = Binder.get(environment).bind(MANAGEMENT_BASE_PATH, String.class).orElse("/actuator");
		if (!basePath.isEmpty() && !"/".equals(basePath)) {
			paths.add(basePath);
			paths.add(basePath + "/**");
		}
		return paths;
	}

}
