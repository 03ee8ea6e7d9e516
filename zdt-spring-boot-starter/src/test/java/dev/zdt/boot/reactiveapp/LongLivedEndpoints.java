package dev.zdt.boot.reactiveapp;

import java.time.Duration;
import java.util.Map;

import dev.zdt.boot.web.reactive.ReactiveLongLivedResponses;
import reactor.core.publisher.Flux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * Long-lived responses of the {@link ReactiveTestApplication}, wrapped as a user's would
 * be: {@code /events} streams a server-sent event every 100 ms (id = its number), and
 * {@code /echo} is a WebSocket that sends every text message back.
 */
@Configuration(proxyBeanMethods = false)
public class LongLivedEndpoints implements WebFluxConfigurer {

	/** How often {@code /events} sends an event. */
	public static final Duration EVENT_PERIOD = Duration.ofMillis(100);

	@Bean
	HandlerMapping echoWebSocket(ReactiveLongLivedResponses responses) {
		WebSocketHandler echo = (session) -> session
			.send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
		return new SimpleUrlHandlerMapping(Map.of("/echo", responses.webSocket(echo)), -1);
	}

	/**
	 * Upgrades on Reactor Netty: Spring Framework 6 would pick Tomcat's upgrade strategy,
	 * its classes being on the test classpath, and fail the handshake on Netty.
	 */
	@Override
	public WebSocketService getWebSocketService() {
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
	}

	@RestController
	static class EventController {

		private final ReactiveLongLivedResponses responses;

		EventController(ReactiveLongLivedResponses responses) {
			this.responses = responses;
		}

		@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<String>> events(@RequestParam(defaultValue = "-1") long count) {
			// Flux.interval fails when the writer asks for events slower than it ticks.
			Flux<ServerSentEvent<String>> events = Flux.interval(EVENT_PERIOD)
				.onBackpressureBuffer()
				.map((n) -> ServerSentEvent.builder("tick " + n).id(Long.toString(n)).build());
			return this.responses.sse((count >= 0) ? events.take(count) : events);
		}

	}

}
