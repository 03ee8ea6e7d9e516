package dev.zdt.boot.web.socket;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.zdt.boot.web.LongLivedResponses;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Registers each session of the handler it decorates, to be closed with
 * {@link CloseStatus#GOING_AWAY} when the hold ends. A session the drain closes stays
 * registered until its closing handshake is over, where the server can tell
 * ({@link ClosingHandshakes}), so that the end of the hold waits for the client's answer.
 */
final class LongLivedWebSocketHandler extends WebSocketHandlerDecorator {

	private final LongLivedResponses responses;

	private final ClosingHandshakes closingHandshakes;

	private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

	private final Set<String> closingByDrain = ConcurrentHashMap.newKeySet();

	LongLivedWebSocketHandler(WebSocketHandler delegate, LongLivedResponses responses,
			ClosingHandshakes closingHandshakes) {
		super(delegate);
		this.responses = responses;
		this.closingHandshakes = closingHandshakes;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		this.registrations.put(session.getId(), this.responses.register(Kind.WEBSOCKET, () -> goAway(session)));
		if (!session.isOpen()) {
			// Registered after the hold, it was closed at once, maybe before it was put.
			forget(session);
		}
		super.afterConnectionEstablished(session);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		if (!this.closingByDrain.contains(session.getId())) {
			forget(session);
		}
		super.afterConnectionClosed(session, closeStatus);
	}

	private void forget(WebSocketSession session) {
		this.closingByDrain.remove(session.getId());
		Registration registration = this.registrations.remove(session.getId());
		if (registration != null) {
			registration.close();
		}
	}

	private void goAway(WebSocketSession session) {
		BooleanSupplier handshakeOver = ClosingHandshakes.over(session);
		if (handshakeOver == null) {
			close(session);
			return;
		}
		// The server reports the session closed as soon as its Close frame is out.
		this.closingByDrain.add(session.getId());
		close(session);
		this.closingHandshakes.watch(handshakeOver, () -> forget(session));
	}

	private static void close(WebSocketSession session) {
		try {
			session.close(CloseStatus.GOING_AWAY);
		}
		catch (IOException ex) {
			// The client has gone: the container ends the session.
		}
	}

}
