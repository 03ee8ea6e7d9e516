package dev.zdt.boot.web.reactive;

import java.util.List;

import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import reactor.core.publisher.Mono;

import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A {@link WebSocketHandler} whose sessions the drain closes with "going away" (1001),
 * waiting for the client's Close frame before the connection closes (on Reactor Netty,
 * which does not wait by itself, through {@link ReactorNettyClosingHandshake}). Kept
 * apart from {@link ReactiveLongLivedResponses} so that the WebSocket types load only
 * when an application uses them.
 */
final class LongLivedWebSocketHandler implements WebSocketHandler {

	static final String REACTOR_NETTY_WEBSOCKET = "reactor.netty.http.websocket.WebsocketInbound";

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent(REACTOR_NETTY_WEBSOCKET,
			LongLivedWebSocketHandler.class.getClassLoader());

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
			Registration registration = this.connections.register(Kind.WEBSOCKET, () -> goAway(session));
			return this.delegate.handle(session).doFinally((signal) -> registration.close());
		});
	}

	private static void goAway(WebSocketSession session) {
		if (REACTOR_NETTY) {
			ReactorNettyClosingHandshake.install(session, LongLivedConnections.CLOSING_HANDSHAKE_WAIT);
		}
		// Sends the close frame without waiting for it: the drain must not block. The
		// drain waits for the registration to close, once the client has answered.
		session.close(CloseStatus.GOING_AWAY).subscribe();
	}

}
