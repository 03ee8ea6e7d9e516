package dev.zdt.autoconfigure.actuate;

import dev.zdt.autoconfigure.ZdtProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Warns when anyone who reaches the application port could take the instance out of service:
 * the drain operation is exposed there and needs no token.
 */
final class EndpointExposureCheck implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(EndpointExposureCheck.class);

	private final ZdtProperties properties;

	private final Environment environment;

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	EndpointExposureCheck(ZdtProperties properties, Environment environment, ObjectProvider<PathMappedEndpoints> endpoints) {
		this.properties = properties;
		this.environment = environment;
		this.endpoints = endpoints;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String warning = warning();
		if (warning != null) {
			logger.warn(warning);
		}
	}

	@Nullable String warning() {
		PathMappedEndpoints mapped = this.endpoints.getIfAvailable();
		boolean exposed = mapped != null && mapped.getEndpoint(EndpointId.of("zdt")) != null;
		if (!exposed || ManagementPortType.get(this.environment) != ManagementPortType.SAME
				|| this.properties.getDrain().getToken() != null) {
			return null;
		}
		return "zdt: the drain operation " + mapped.getPath(EndpointId.of("zdt")) + "/drain is exposed on the "
				+ "application port without a token: anyone who reaches the application can take this instance out of "
				+ "service. Serve actuator on its own port (management.server.port) that the load balancer does not "
				+ "expose, or set zdt.drain.token.";
	}

}
