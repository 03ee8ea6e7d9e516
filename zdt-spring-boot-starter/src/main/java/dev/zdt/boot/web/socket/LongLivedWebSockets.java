package dev.zdt.boot.web.socket;

import dev.zdt.boot.web.LongLivedResponses;
import dev.zdt.core.connection.LongLivedConnections;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Makes WebSocket handlers close their sessions with {@code 1001} ("going away") when the
 * drain's hold ends, once the load balancer has stopped routing here, so that clients
 * reconnect to another instance instead of being cut when the shutdown timeout expires.
 * On Tomcat the end of the hold waits (at most
 * {@link LongLivedConnections#CLOSING_HANDSHAKE_WAIT}) for the clients' Close frames, so
 * that shutdown does not close a connection whose client is still answering. Decorate a
 * handler where it is registered:
 * {@code registry.addHandler(webSockets.decorate(handler), "/path")}; with STOMP, add
 * this as a decorator factory
 * ({@code WebSocketTransportRegistration#addDecoratorFactory}).
 *
 * @since 0.1.0
 */
public final class LongLivedWebSockets implements WebSocketHandlerDecoratorFactory {

	private final LongLivedResponses responses;

	private final ClosingHandshakes closingHandshakes = new ClosingHandshakes(
			LongLivedConnections.CLOSING_HANDSHAKE_WAIT);

	/**
	 * Creates the decorator factory.
	 * @param responses where the sessions are registered
	 */
	public LongLivedWebSockets(LongLivedResponses responses) {
		this.responses = responses;
	}

	/**
	 * Decorates a handler: each session is registered when it is established and
	 * forgotten when it closes.
	 * @param handler the application's handler
	 * @return the decorated handler
	 */
	@Override
	public WebSocketHandlerDecorator decorate(WebSocketHandler handler) {
		return new LongLivedWebSocketHandler(handler, this.responses, this.closingHandshakes);
	}

}
