package dev.zdt.boot.actuate.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtProperties;
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
 * Warns when the drain operation is exposed and needs no token: on the application port
 * anyone who reaches the application could take the instance out of service; on a
 * separate management port, any pod in the cluster could.
 */
final class EndpointExposureCheck implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(EndpointExposureCheck.class);

	private final ZdtProperties properties;

	private final Environment environment;

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	EndpointExposureCheck(ZdtProperties properties, Environment environment,
			ObjectProvider<PathMappedEndpoints> endpoints) {
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
		if (!exposed || this.properties.getDrain().getToken() != null) {
			return null;
		}
		String drain = mapped.getPath(EndpointId.of("zdt")) + "/drain";
		if (ManagementPortType.get(this.environment) == ManagementPortType.SAME) {
			return "zdt: the drain operation " + drain + " is exposed on the application port without a token: anyone "
					+ "who reaches the application can take this instance out of service. Set zdt.drain.token (e.g. "
					+ "openssl rand -hex 32) and serve actuator on its own port (management.server.port) that the load "
					+ "balancer does not expose.";
		}
		return "zdt: the drain operation " + drain + " needs no token: any pod in the cluster that reaches the "
				+ "management port can take this instance out of service. Set zdt.drain.token (e.g. openssl rand -hex 32) "
				+ "and send it in the X-Zdt-Token header of the preStop httpGet.";
	}

}
