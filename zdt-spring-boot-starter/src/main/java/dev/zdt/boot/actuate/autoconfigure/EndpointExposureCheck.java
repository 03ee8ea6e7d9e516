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
 * Warns when the drain operation is exposed where it should not be: on the application
 * port, which the load balancer exposes to users (without a token anyone could take the
 * instance out of service; with one, only the token stands in the way and the status is
 * public), or without a token on a separate management port, where any pod in the cluster
 * could.
 */
final class EndpointExposureCheck implements ApplicationListener<ApplicationReadyEvent> {

	private static final EndpointId ZDT = EndpointId.of("zdt");

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
		if (mapped == null || mapped.getEndpoint(ZDT) == null) {
			return null;
		}
		String endpoint = mapped.getPath(ZDT);
		String drain = endpoint + "/drain";
		boolean applicationPort = ManagementPortType.get(this.environment) == ManagementPortType.SAME;
		boolean token = this.properties.getDrain().getToken() != null;
		if (applicationPort && !token) {
			return "zdt: the drain operation " + drain + " is exposed on the application port without a token: anyone "
					+ "who reaches the application can take this instance out of service. Set zdt.drain.token (e.g. "
					+ "openssl rand -hex 32) and serve actuator on its own port (management.server.port) that the load "
					+ "balancer does not expose.";
		}
		if (applicationPort) {
			return "zdt: " + endpoint + " is served on the application port (management.server.port is not set, or "
					+ "is server.port), where the load balancer sends users: anyone the load balancer lets in can read "
					+ "the drain status, and only zdt.drain.token keeps them from " + drain + ", which takes this "
					+ "instance out of service. Serve actuator on its own port (management.server.port, e.g. 8081) that "
					+ "neither the Service nor the Ingress exposes.";
		}
		if (!token) {
			return "zdt: the drain operation " + drain + " needs no token: any pod in the cluster that reaches the "
					+ "management port can take this instance out of service. Set zdt.drain.token (e.g. openssl rand "
					+ "-hex 32) and send it in the X-Zdt-Token header of the preStop httpGet.";
		}
		return null;
	}

}
