package dev.zdt.boot.web.socket;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.zdt.boot.web.LongLivedResponses;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Registers each session of the handler it decorates, to be closed with
 * {@link CloseStatus#GOING_AWAY} when the hold ends.
 */
final class LongLivedWebSocketHandler extends WebSocketHandlerDecorator {

	private final LongLivedResponses responses;

	private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

	LongLivedWebSocketHandler(WebSocketHandler delegate, LongLivedResponses responses) {
		super(delegate);
		this.responses = responses;
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
		forget(session);
		super.afterConnectionClosed(session, closeStatus);
	}

	private void forget(WebSocketSession session) {
		Registration registration = this.registrations.remove(session.getId());
		if (registration != null) {
			registration.close();
		}
	}

	private static void goAway(WebSocketSession session) {
		try {
			session.close(CloseStatus.GOING_AWAY);
		}
		catch (IOException ex) {
			// The client has gone: the container ends the session.
		}
	}

}
