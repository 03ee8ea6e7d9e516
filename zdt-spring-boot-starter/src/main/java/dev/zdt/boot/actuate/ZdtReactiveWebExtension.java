package dev.zdt.boot.actuate;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link ZdtEndpoint} on WebFlux, where its operations would not see the calling
 * request: actuator runs a blocking operation on a thread of Reactor's bounded elastic
 * scheduler, with no servlet request on the thread and no access to the Reactor context
 * of the exchange. This extension's operations are reactive, so actuator subscribes to
 * them within the exchange's Reactor context; each takes the exchange that
 * {@link ServerWebExchangeContextFilter} put there, and runs the endpoint's operation on
 * the bounded elastic scheduler as actuator would, naming the exchange as the calling
 * request. A drain's answer then comes when the hold has ended, and no thread waits for
 * it: the scheduler also serves the health endpoint, and with its threads parked in the
 * hold the liveness probe would not answer. Without an exchange in the context the
 * operations see no request and refuse, as the endpoint does on a servlet stack.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = ZdtEndpoint.class)
public class ZdtReactiveWebExtension {

	// HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE of WebFlux, spelled out: only
	// spring-web is needed here.
	private static final String URI_TEMPLATE_VARIABLES = "org.springframework.web.reactive.HandlerMapping.uriTemplateVariables";

	private final ZdtEndpoint endpoint;

	/**
	 * Creates the extension.
	 * @param endpoint the endpoint whose operations run for the calling exchange
	 */
	public ZdtReactiveWebExtension(ZdtEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Returns the state of the drain.
	 * @return the status
	 * @see ZdtEndpoint#status()
	 */
	@ReadOperation
	public Mono<ZdtDescriptor> status() {
		return forCallingExchange(this.endpoint::status);
	}

	/**
	 * Starts or joins the drain and answers when its hold is over, for callers that can
	 * only GET.
	 * @param operation must be {@code drain}; only the path can name it
	 * @return the status once the hold is over, or why not
	 * @see ZdtEndpoint#operationOnGet(String)
	 */
	@ReadOperation
	public Mono<WebEndpointResponse<OperationResponseBody>> operationOnGet(@Selector String operation) {
		return whenAnswered(forCallingExchange(this.endpoint::answerOnGet));
	}

	/**
	 * Starts or joins the drain and answers when its hold is over, or cancels the drain.
	 * @param operation {@code drain} or {@code cancel}; only the path can name it
	 * @return the status, or why not
	 * @see ZdtEndpoint#operationOnPost(String)
	 */
	@WriteOperation
	public Mono<WebEndpointResponse<OperationResponseBody>> operationOnPost(@Selector String operation) {
		return whenAnswered(forCallingExchange(this.endpoint::answerOnPost));
	}

	private static Mono<WebEndpointResponse<OperationResponseBody>> whenAnswered(Mono<PendingResponse> operation) {
		return operation.flatMap((pending) -> {
			Mono<WebEndpointResponse<OperationResponseBody>> response = Mono.fromFuture(pending.response(), true);
			if (pending.isDone()) {
				return response;
			}
			return response.timeout(pending.bound(),
					Mono.fromSupplier(pending.atBound()).subscribeOn(Schedulers.boundedElastic()));
		});
	}

	private static <T> Mono<T> forCallingExchange(Supplier<T> operation) {
		return Mono.deferContextual((context) -> {
			CallingRequest.@Nullable Source caller = ServerWebExchangeContextFilter.getExchange(context)
				.map(CallingExchange::new)
				.orElse(null);
			return Mono.fromCallable(() -> CallingRequest.callFor(caller, operation))
				.subscribeOn(Schedulers.boundedElastic());
		});
	}

	private record CallingExchange(ServerWebExchange exchange) implements CallingRequest.Source {

		@Override
		public @Nullable String header(String name) {
			return this.exchange.getRequest().getHeaders().getFirst(name);
		}

		@Override
		public @Nullable String pathVariable(String name) {
			return CallingRequest.variable(this.exchange.getAttribute(URI_TEMPLATE_VARIABLES), name);
		}

	}

}
