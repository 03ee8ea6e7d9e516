package dev.zdt.autoconfigure.actuate;

import java.util.Map;

import dev.zdt.core.DrainStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/zdt} and the drain operation answer.
 *
 * @param state SERVING, DRAINING, DRAINED or STOPPING
 * @param trigger what started the drain: endpoint, shutdown or api
 * @param drainStartedAt when the drain started (ISO-8601)
 * @param holdElapsedMs how long the hold has lasted, or lasted in all
 * @param holdEndReason why the hold ended: delay, traffic-quiet, max-hold, ...
 * @param strategy the hold strategy
 * @param minHoldMs the shortest hold
 * @param maxHoldMs the longest hold
 * @param inFlight application requests in flight
 * @param requestsAfterDrainStart application requests received after the drain started
 * @param rateBeforeDrain application requests per second before the drain (now, while serving)
 * @param loadBalancer what the load balancer strategy knows, if any
 * @since 0.1.0
 */
public record ZdtDescriptor(String state, @Nullable String trigger, @Nullable String drainStartedAt, long holdElapsedMs,
		@Nullable String holdEndReason, String strategy, long minHoldMs, long maxHoldMs, int inFlight,
		long requestsAfterDrainStart, double rateBeforeDrain, Map<String, Object> loadBalancer)
		implements OperationResponseBody {

	static ZdtDescriptor of(DrainStatus status, Map<String, Object> loadBalancer) {
		return new ZdtDescriptor(status.state().name(), (status.trigger() != null) ? status.trigger().displayName() : null,
				(status.drainStartedAt() != null) ? status.drainStartedAt().toString() : null,
				status.holdElapsed().toMillis(), status.holdEndReason(), status.strategy(), status.minHold().toMillis(),
				status.maxHold().toMillis(), status.inFlight(), status.requestsAfterDrainStart(),
				Math.round(status.rateBeforeDrain() * 100) / 100.0, loadBalancer);
	}

}
