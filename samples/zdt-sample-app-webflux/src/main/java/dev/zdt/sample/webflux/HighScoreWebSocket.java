package dev.zdt.sample.webflux;

import java.util.Map;

import dev.zdt.boot.web.reactive.ReactiveLongLivedResponses;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * {@code ws://…/ws/scores}: the {@link HighScoreFeed} over a WebSocket, one text message
 * per tick ({@link HighScoreFeed.Scores#asLine()}). When this instance drains the session
 * is closed with 1001 "going away", and the client reconnects to another instance.
 *
 * @author zdt authors
 */
@Configuration(proxyBeanMethods = false)
public class HighScoreWebSocket {

	@Bean
	HandlerMapping highScoreWebSocketMapping(HighScoreFeed feed, ReactiveLongLivedResponses responses) {
		WebSocketHandler handler = (session) -> send(feed, session);
		return new SimpleUrlHandlerMapping(Map.of("/ws/scores", responses.webSocket(handler)), -1);
	}

	private static Mono<Void> send(HighScoreFeed feed, WebSocketSession session) {
		// Until the client closes: the feed itself never ends.
		Mono<Boolean> clientClosed = session.receive().then(Mono.just(Boolean.TRUE));
		return session
			.send(feed.from(null).takeUntilOther(clientClosed).map((scores) -> session.textMessage(scores.asLine())));
	}

}
