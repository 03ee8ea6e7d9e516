package dev.zdt.boot.web.reactive;

import java.util.List;

import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A {@link WebSocketHandler} whose sessions the drain closes with "going away" (1001).
 * Kept apart from {@link ReactiveLongLivedResponses} so that the WebSocket types load
 * only when an application uses them.
 */
final class LongLivedWebSocketHandler implements WebSocketHandler {

	private final LongLivedConnections connections;

	private final WebSocketHandler delegate;

	LongLivedWebSocketHandler(LongLivedConnections connections, WebSocketHandler delegate) {
		this.connections = connections;
		this.delegate = delegate;
	}

	@Override
	public List<String> getSubProtocols() {
		return this.delegate.getSubProtocols();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return Mono.defer(() -> {
			// Sends the close frame without waiting for it: the drain must not block.
			Registration registration = this.connections.register(Kind.WEBSOCKET,
					() -> session.close(CloseStatus.GOING_AWAY).subscribe());
			return this.delegate.handle(session).doFinally((signal) -> registration.close());
		});
	}

}
