package dev.zdt.boot.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.work.ShutdownParticipants;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The zdt endpoint: {@code GET /actuator/zdt} shows the drain; {@code GET} or {@code POST
 * /actuator/zdt/drain} starts it (or joins the one under way) and answers when the hold
 * is over, so that kubelet sends SIGTERM only then; {@code POST /actuator/zdt/cancel}
 * undoes a drain that shutdown has not joined. The drain is a GET with a side effect
 * because kubelet's preStop {@code httpGet} can only GET.
 * <p>
 * The operations check the {@value #TOKEN_HEADER} header themselves rather than a filter
 * on paths: the endpoint can be reached under a servlet path, a context path, a base
 * path, a path mapping, on its own port or not, and in many spellings, and only the
 * operation knows for sure that it was called. For the same reason the operation is the
 * one the matched path names, never a query parameter or body field, which actuator would
 * otherwise let override the path.
 * <p>
 * A caller waits for the hold without a thread (Spring MVC's asynchronous request
 * processing here, a {@code Mono} in {@link ZdtReactiveWebExtension}): the liveness probe
 * is served by the same threads, and any number of drain calls must leave it answering.
 *
 * @since 0.1.0
 */
@WebEndpoint(id = "zdt")
public class ZdtEndpoint {

	/**
	 * The header that carries the token. Not {@code Authorization}: kubelet may fall back
	 * from HTTPS to HTTP and then drops that header.
	 */
	public static final String TOKEN_HEADER = "X-Zdt-Token";

	static final String DRAIN = "drain";

	static final String CANCEL = "cancel";

	private static final String SELECTOR = "operation";

	private final DrainCoordinator coordinator;

	private final LongLivedConnections longLived;

	private final Supplier<Map<String, Object>> loadBalancerDetails;

	private final DrainToken token;

	private final Show showDetails;

	private final Supplier<@Nullable ShutdownParticipants> participants;

	/**
	 * Creates the endpoint.
	 * @param coordinator the drain
	 * @param longLived the server-sent event streams and WebSockets the drain ends
	 * @param loadBalancerDetails what the load balancer strategy knows, shown as is per
	 * {@code showDetails}
	 * @param token the token that drain and cancel need, or {@code null} for none
	 * @param showDetails to whom the status shows the load balancer details; "authorized"
	 * means the caller sends the token
	 */
	public ZdtEndpoint(DrainCoordinator coordinator, LongLivedConnections longLived,
			Supplier<Map<String, Object>> loadBalancerDetails, @Nullable String token, Show showDetails) {
		this(coordinator, longLived, loadBalancerDetails, token, showDetails, () -> null);
	}

	/**
	 * Creates the endpoint.
	 * @param coordinator the drain
	 * @param longLived the server-sent event streams and WebSockets the drain ends
	 * @param loadBalancerDetails what the load balancer strategy knows, shown as is per
	 * {@code showDetails}
	 * @param token the token that drain and cancel need, or {@code null} for none
	 * @param showDetails to whom the status shows the load balancer details; "authorized"
	 * means the caller sends the token
	 * @param participants supplies the shutdown participants whose work the status shows,
	 * or {@code null} for none
	 * @since 0.2.0
	 */
	public ZdtEndpoint(DrainCoordinator coordinator, LongLivedConnections longLived,
			Supplier<Map<String, Object>> loadBalancerDetails, @Nullable String token, Show showDetails,
			Supplier<@Nullable ShutdownParticipants> participants) {
		this.participants = participants;
		this.coordinator = coordinator;
		this.longLived = longLived;
		this.loadBalancerDetails = loadBalancerDetails;
		this.token = new DrainToken(token);
		this.showDetails = showDetails;
	}

	/**
	 * Returns the state of the drain.
	 * @return the status
	 */
	@ReadOperation
	public ZdtDescriptor status() {
		return status(detailsForCaller());
	}

	private ZdtDescriptor status(boolean details) {
		return ZdtDescriptor.of(this.coordinator.status(), details, details ? this.loadBalancerDetails.get() : null,
				this.coordinator.evidence(), this.longLived, ZdtDescriptor.workOf(this.participants.get()));
	}

	private boolean detailsForCaller() {
		return this.showDetails.isShown(this.token.isPresentedByCaller());
	}

	/**
	 * Starts or joins the drain and answers when its hold is over, for callers that can
	 * only GET. The request waits for the hold without a thread (asynchronous request
	 * processing).
	 * @param operation must be {@code drain}; only the path can name it
	 * @return the status once the hold is over, or why not
	 */
	@ReadOperation
	public DeferredResult<ResponseEntity<OperationResponseBody>> operationOnGet(@Selector String operation) {
		return answerOnGet().toDeferredResult();
	}

	/**
	 * Starts or joins the drain and answers when its hold is over, or cancels the drain.
	 * The request waits for the hold without a thread (asynchronous request processing).
	 * @param operation {@code drain} or {@code cancel}; only the path can name it
	 * @return the status, or why not
	 */
	@WriteOperation
	public DeferredResult<ResponseEntity<OperationResponseBody>> operationOnPost(@Selector String operation) {
		return answerOnPost().toDeferredResult();
	}

	PendingResponse answerOnGet() {
		return DRAIN.equals(namedByPath()) ? guarded(this::drain) : refused(ZdtRefusal.notFound());
	}

	PendingResponse answerOnPost() {
		String named = namedByPath();
		if (DRAIN.equals(named)) {
			return guarded(this::drain);
		}
		if (CANCEL.equals(named)) {
			return guarded(() -> PendingResponse.now(cancel()));
		}
		return refused(ZdtRefusal.notFound());
	}

	private static @Nullable String namedByPath() {
		return CallingRequest.pathVariable(SELECTOR);
	}

	private PendingResponse guarded(Supplier<PendingResponse> operation) {
		return this.token.permitsCaller() ? operation.get() : refused(ZdtRefusal.forbidden());
	}

	private PendingResponse drain() {
		// The caller's token is read now, on its thread: the answer may come on another.
		boolean details = detailsForCaller();
		CompletableFuture<WebEndpointResponse<OperationResponseBody>> afterHold = this.coordinator
			.startDrain(DrainTrigger.ENDPOINT)
			.thenApply((result) -> new WebEndpointResponse<>(status(details), WebEndpointResponse.STATUS_OK));
		Duration bound = this.coordinator.longestDrainWait();
		return new PendingResponse(afterHold, bound, () -> drainWithinBound(details));
	}

	private WebEndpointResponse<OperationResponseBody> drainWithinBound(boolean details) {
		try {
			this.coordinator.drain(DrainTrigger.ENDPOINT);
			return new WebEndpointResponse<>(status(details), WebEndpointResponse.STATUS_OK);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new WebEndpointResponse<>(status(details), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
	}

	private WebEndpointResponse<OperationResponseBody> cancel() {
		if (this.coordinator.cancel()) {
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
		}
		DrainState state = this.coordinator.state();
		if (state == DrainState.SERVING) {
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
		}
		if (state == DrainState.DRAINING && !this.coordinator.isShuttingDown()) {
			return refusal(ZdtRefusal.conflict("The hold is under way; cancel once it has ended (within "
					+ this.coordinator.bounds().maxHold() + ")"));
		}
		return refusal(ZdtRefusal.conflict("Shutdown has begun; a drain cannot be undone now"));
	}

	private static PendingResponse refused(ZdtRefusal refusal) {
		return PendingResponse.now(refusal(refusal));
	}

	private static WebEndpointResponse<OperationResponseBody> refusal(ZdtRefusal refusal) {
		return new WebEndpointResponse<>(refusal, refusal.status());
	}

}
