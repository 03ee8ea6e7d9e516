package dev.zdt.boot.actuate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A response of the zdt endpoint that may come only when the hold has ended, which no
 * thread waits for: many callers waiting for the hold must not take the threads of the
 * pool that also answers the liveness probe (the server's request threads on a servlet
 * stack, Reactor's bounded elastic scheduler on WebFlux), or kubelet restarts the pod in
 * the middle of its drain. The wait has the bound of
 * {@link dev.zdt.core.DrainCoordinator#drain(dev.zdt.core.DrainTrigger)}: a response
 * still missing then is what a blocking drain answers at that point, which ends a stuck
 * hold for every caller.
 *
 * @param response the response, complete now or when the hold has ended
 * @param bound how long to wait for it at most
 * @param atBound the response when the bound has passed; may block briefly
 */
record PendingResponse(CompletableFuture<WebEndpointResponse<OperationResponseBody>> response, Duration bound,
		Supplier<WebEndpointResponse<OperationResponseBody>> atBound) {

	static PendingResponse now(WebEndpointResponse<OperationResponseBody> response) {
		return new PendingResponse(CompletableFuture.completedFuture(response), Duration.ZERO, () -> response);
	}

	boolean isDone() {
		return this.response.isDone();
	}

	/**
	 * Returns the response for Spring MVC's asynchronous request processing: the request
	 * thread goes back to the server while the hold runs.
	 * @return the deferred response
	 */
	DeferredResult<ResponseEntity<OperationResponseBody>> toDeferredResult() {
		// Without a timeout of its own the request would end at the server's asynchronous
		// timeout (30 s on Tomcat and Jetty), shorter than the default maximum hold.
		DeferredResult<ResponseEntity<OperationResponseBody>> deferred = new DeferredResult<>(
				isDone() ? null : this.bound.toMillis(), () -> entity(this.atBound.get()));
		this.response.thenAccept((response) -> deferred.setResult(entity(response)));
		return deferred;
	}

	private static ResponseEntity<OperationResponseBody> entity(WebEndpointResponse<OperationResponseBody> response) {
		return ResponseEntity.status(response.getStatus()).body(response.getBody());
	}

}
