package dev.zdt.boot.actuate.autoconfigure;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the zdt endpoint, next to actuator's own settings of it.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.zdt")
public class ZdtEndpointProperties {

	/**
	 * To whom the status shows what the load balancer strategy knows (target group ARNs,
	 * the pod IP, AWS error messages). 'when-authorized' means callers that send the
	 * X-Zdt-Token header with the value of zdt.drain.token.
	 */
	private Show showDetails = Show.WHEN_AUTHORIZED;

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

}
