package dev.zdt.boot.actuate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zdt.core.DrainStatus;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.work.ShutdownParticipants;
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
 * @param holdFailure why the hold fell back to max-hold (the strategy failed, or the hold
 * did not end in time), as exception class and message
 * @param strategy the hold strategy
 * @param minHoldMs the shortest hold
 * @param maxHoldMs the longest hold
 * @param inFlight application requests in flight
 * @param requestsAfterDrainStart application requests received after the drain started
 * @param rateBeforeDrain application requests per second before the drain (now, while
 * serving)
 * @param loadBalancer what the load balancer strategy knows, if any, shown only to
 * callers allowed to see it ({@code management.endpoint.zdt.show-details})
 * @param evidence what the hold strategy weighs: e.g. the required silence, the rule that
 * sets it, the longest silence before the drain; once the hold has ended, the rule that
 * ended it. Without details, sources still sending are counted rather than named.
 * @param longLivedConnections the server-sent event streams and WebSockets open now and
 * those the drain has ended, by kind ({@code sse}, {@code websocket})
 * @param participants the shutdown participants, by name: the work each has in progress
 * and, once waited for, the work it left unfinished
 * @since 0.1.0
 */
public record ZdtDescriptor(String state, @Nullable String trigger, @Nullable String drainStartedAt, long holdElapsedMs,
		@Nullable String holdEndReason, @Nullable String holdFailure, String strategy, long minHoldMs, long maxHoldMs,
		int inFlight, long requestsAfterDrainStart, double rateBeforeDrain, @Nullable Map<String, Object> loadBalancer,
		Map<String, Object> evidence, Map<String, Object> longLivedConnections,
		Map<String, Object> participants) implements OperationResponseBody {

	/**
	 * What callers without details see instead of the failure's text, which can carry AWS
	 * error messages.
	 */
	static final String HIDDEN_FAILURE = "failed (details only with the X-Zdt-Token header)";

	private static final String SOURCES_STILL_SENDING = "sourcesStillSending";

	static ZdtDescriptor of(DrainStatus status, boolean details, @Nullable Map<String, Object> loadBalancer,
			Map<String, Object> evidence, LongLivedConnections longLived, Map<String, Object> participants) {
		String holdFailure = (details || status.holdFailure() == null) ? status.holdFailure() : HIDDEN_FAILURE;
		return new ZdtDescriptor(status.state().name(),
				(status.trigger() != null) ? status.trigger().displayName() : null,
				(status.drainStartedAt() != null) ? status.drainStartedAt().toString() : null,
				status.holdElapsed().toMillis(), status.holdEndReason(), holdFailure, status.strategy(),
				status.minHold().toMillis(), status.maxHold().toMillis(), status.inFlight(),
				status.requestsAfterDrainStart(), Math.round(status.rateBeforeDrain() * 100) / 100.0, loadBalancer,
				details ? evidence : withoutAddresses(evidence), countsOf(longLived), participants);
	}

	static Map<String, Object> workOf(@Nullable ShutdownParticipants participants) {
		Map<String, Object> work = new LinkedHashMap<>();
		if (participants == null) {
			return work;
		}
		Map<String, Long> unfinished = participants.unfinished();
		participants.inProgress().forEach((name, inProgress) -> {
			Map<String, Object> counts = new LinkedHashMap<>();
			counts.put("inProgress", inProgress);
			Long left = unfinished.get(name);
			if (left != null) {
				counts.put("unfinished", left);
			}
			work.put(name, counts);
		});
		return work;
	}

	private static Map<String, Object> countsOf(LongLivedConnections longLived) {
		Map<String, Object> counts = new LinkedHashMap<>();
		for (Kind kind : Kind.values()) {
			counts.put(kind.tag(), Map.of("open", longLived.open(kind), "ended", longLived.ended(kind)));
		}
		return counts;
	}

	private static Map<String, Object> withoutAddresses(Map<String, Object> evidence) {
		if (!(evidence.get(SOURCES_STILL_SENDING) instanceof Collection<?> sources)) {
			return evidence;
		}
		Map<String, Object> counted = new LinkedHashMap<>(evidence);
		counted.put(SOURCES_STILL_SENDING, sources.size());
		return counted;
	}

}
