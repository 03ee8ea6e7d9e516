package dev.zdt.autoconfigure.actuate;

import java.util.Objects;

import dev.zdt.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.autoconfigure.ZdtProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Guards the drain operation with {@code zdt.drain.token} wherever actuator is served: in the
 * main context when it shares the application port, in the management child context otherwise.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnZdtEnabled
@Conditional(OnDrainTokenCondition.class)
class ZdtManagementContextConfiguration {

	@Bean
	FilterRegistrationBean<DrainTokenFilter> zdtDrainTokenFilter(ZdtProperties properties, Environment environment,
			ObjectProvider<PathMappedEndpoints> endpoints) {
		String token = Objects.requireNonNull(properties.getDrain().getToken());
		DrainTokenFilter filter = new DrainTokenFilter(token, () -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String path = (mapped != null) ? mapped.getPath(EndpointId.of("zdt")) : null;
			return (path != null) ? path
					: Binder.get(environment).bind("management.endpoints.web.base-path", String.class).orElse("/actuator")
							+ "/zdt";
		});
		FilterRegistrationBean<DrainTokenFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("zdtDrainTokenFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
