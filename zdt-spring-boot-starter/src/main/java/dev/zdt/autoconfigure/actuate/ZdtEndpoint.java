package dev.zdt.autoconfigure.actuate;

import java.util.Map;
import java.util.function.Supplier;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The zdt endpoint: {@code GET /actuator/zdt} shows the drain; {@code GET} or {@code POST
 * /actuator/zdt/drain} starts it (or joins the one under way) and answers when the hold is over,
 * so that kubelet sends SIGTERM only then. The drain is a GET with a side effect because
 * kubelet's preStop {@code httpGet} can only GET.
 *
 * @since 0.1.0
 */
@WebEndpoint(id = "zdt")
public class ZdtEndpoint {

	static final String DRAIN = "drain";

	private final DrainCoordinator coordinator;

	private final Supplier<Map<String, Object>> loadBalancerDetails;

	/**
	 * Creates the endpoint.
	 * @param coordinator the drain
	 * @param loadBalancerDetails what the load balancer strategy knows, shown as is
	 */
	public ZdtEndpoint(DrainCoordinator coordinator, Supplier<Map<String, Object>> loadBalancerDetails) {
		this.coordinator = coordinator;
		this.loadBalancerDetails = loadBalancerDetails;
	}

	/**
	 * Returns the state of the drain.
	 * @return the status
	 */
	@ReadOperation
	public ZdtDescriptor status() {
		return ZdtDescriptor.of(this.coordinator.status(), this.loadBalancerDetails.get());
	}

	/**
	 * Starts or joins the drain and waits for its hold, for callers that can only GET.
	 * @param operation must be {@code drain}
	 * @return the status once the hold is over
	 */
	@ReadOperation
	public WebEndpointResponse<ZdtDescriptor> drainOnGet(@Selector String operation) {
		return drain(operation);
	}

	/**
	 * Starts or joins the drain and waits for its hold.
	 * @param operation must be {@code drain}
	 * @return the status once the hold is over
	 */
	@WriteOperation
	public WebEndpointResponse<ZdtDescriptor> drainOnPost(@Selector String operation) {
		return drain(operation);
	}

	private WebEndpointResponse<ZdtDescriptor> drain(String operation) {
		if (!DRAIN.equals(operation)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			this.coordinator.drain(DrainTrigger.ENDPOINT);
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
	}

}
