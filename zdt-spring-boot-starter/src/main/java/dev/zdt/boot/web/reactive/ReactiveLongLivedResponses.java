package dev.zdt.boot.web.reactive;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.zdt.core.DrainListener;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Makes the long-lived responses of a WebFlux application end cleanly when the drain's
 * hold ends, instead of being cut when the shutdown timeout expires. A graceful shutdown
 * waits for responses in flight, and a server-sent event stream or a WebSocket never
 * completes by itself: wrap it here and it ends once the load balancer has stopped
 * routing to this instance, so that its client reconnects to another one.
 * <pre class="code">
 * &#64;GetMapping(path = "/scores", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Flux&lt;ServerSentEvent&lt;Scores&gt;&gt; scores() {
 *     return this.responses.sse(this.feed.events());
 * }
 *
 * &#64;Bean
 * HandlerMapping webSockets(ReactiveLongLivedResponses responses) {
 *     return new SimpleUrlHandlerMapping(Map.of("/ws", responses.webSocket(new EchoHandler())), -1);
 * }
 * </pre>
 * <p>
 * This is also the small API for other reactions to a drain: a bean implementing
 * {@link DrainListener} hears when the drain starts and when its hold ends, and another
 * kind of long-lived response (a long poll, say) registers with
 * {@link LongLivedConnections#register(Kind, Runnable)} how to end it and closes the
 * registration when it ends by itself. Responses ended this way are counted in
 * {@code /actuator/zdt} ({@code longLivedConnections}) and in the meters
 * {@code zdt.connections.long.lived} and {@code zdt.connections.long.lived.ended}.
 *
 * @since 0.1.0
 */
public final class ReactiveLongLivedResponses {

	/**
	 * The text of the comment that ends a stream: a comment, so that it has no id and the
	 * client's {@code Last-Event-ID} stays the one of the last real event.
	 */
	public static final String END_COMMENT = "zdt: this instance is shutting down, reconnect";

	private final LongLivedConnections connections;

	/**
	 * Creates the wrappers for the given registry.
	 * @param connections the registry the drain ends responses from
	 */
	public ReactiveLongLivedResponses(LongLivedConnections connections) {
		this.connections = connections;
	}

	/**
	 * Returns a stream of server-sent events that ends when the drain's hold ends: it
	 * then sends one last comment ({@value #END_COMMENT}) and completes. Each
	 * subscription (each response) is registered from when it starts until it ends by
	 * itself, fails or is cancelled (the client went away); one that starts after the
	 * hold has ended ends at once.
	 * @param <T> the type of the events' data
	 * @param events the application's events
	 * @return the events, ended by the drain
	 */
	public <T> Flux<ServerSentEvent<T>> sse(Flux<ServerSentEvent<T>> events) {
		return Flux.defer(() -> {
			Sinks.Empty<Void> end = Sinks.empty();
			AtomicBoolean endedByDrain = new AtomicBoolean();
			Registration registration = this.connections.register(Kind.SERVER_SENT_EVENTS, () -> {
				endedByDrain.set(true);
				end.tryEmitEmpty();
			});
			return events.takeUntilOther(end.asMono().thenReturn(Boolean.TRUE))
				.concatWith(Mono.fromSupplier(
						() -> endedByDrain.get() ? ServerSentEvent.<T>builder().comment(END_COMMENT).build() : null))
				.doFinally((signal) -> registration.close());
		});
	}

	/**
	 * Returns a WebSocket handler that closes each session with
	 * {@link CloseStatus#GOING_AWAY} (1001) when the drain's hold ends. Each session is
	 * registered from when the handler starts until its handling ends.
	 * @param handler the application's handler
	 * @return the handler, ended by the drain
	 */
	public WebSocketHandler webSocket(WebSocketHandler handler) {
		return new LongLivedWebSocketHandler(this.connections, handler);
	}

}
