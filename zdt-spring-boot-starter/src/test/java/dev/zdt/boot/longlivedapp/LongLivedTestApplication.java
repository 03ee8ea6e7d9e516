package dev.zdt.boot.longlivedapp;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.boot.web.LongLivedResponses;
import dev.zdt.boot.web.socket.LongLivedWebSockets;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A Spring MVC application with a server-sent event stream ({@code /events}) and a
 * WebSocket echo ({@code /echo}), both handed to zdt as the README shows.
 */
@SpringBootApplication
@EnableWebSocket
public class LongLivedTestApplication implements WebSocketConfigurer {

	private final LongLivedWebSockets webSockets;

	LongLivedTestApplication(LongLivedWebSockets webSockets) {
		this.webSockets = webSockets;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.webSockets.decorate(new EchoHandler()), "/echo");
	}

	/**
	 * How many streams the application saw complete, through its own {@code onCompletion}
	 * callback.
	 */
	@Component
	public static class Completions {

		private final AtomicInteger count = new AtomicInteger();

		void completed() {
			this.count.incrementAndGet();
		}

		public int count() {
			return this.count.get();
		}

	}

	@RestController
	static class EventsController implements DisposableBean {

		private static final long TICK_MILLIS = 100;

		private final LongLivedResponses responses;

		private final Completions completions;

		private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

		private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "events-ticks");
			thread.setDaemon(true);
			return thread;
		});

		EventsController(LongLivedResponses responses, Completions completions) {
			this.responses = responses;
			this.completions = completions;
			this.ticks.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
		}

		/**
		 * Sends a numbered event every 100 ms; completes the stream itself after
		 * {@code count} events when given; times out after {@code timeoutMs}.
		 */
		@GetMapping("/events")
		SseEmitter events(@RequestParam(defaultValue = "0") int count,
				@RequestParam(defaultValue = "60000") long timeoutMs) {
			SseEmitter emitter = new SseEmitter(timeoutMs);
			// The application's own callback, added before zdt adds its own.
			emitter.onCompletion(this.completions::completed);
			Stream stream = new Stream(this.responses.sse(emitter), count);
			emitter.onCompletion(() -> this.streams.remove(stream));
			this.streams.add(stream);
			return emitter;
		}

		private void tick() {
			for (Stream stream : this.streams) {
				try {
					stream.next();
				}
				catch (IOException ex) {
					this.streams.remove(stream);
					// Tomcat reports the failed write to the request, Jetty 12.1 does
					// not: the stream stayed open until its timeout (60 s).
					stream.emitter.completeWithError(ex);
				}
				catch (IllegalStateException ex) {
					this.streams.remove(stream);
				}
			}
		}

		@Override
		public void destroy() {
			this.ticks.shutdownNow();
		}

	}

	private static final class Stream {

		private final SseEmitter emitter;

		private final int count;

		private int sent;

		Stream(SseEmitter emitter, int count) {
			this.emitter = emitter;
			this.count = count;
		}

		void next() throws IOException {
			this.sent++;
			this.emitter.send(SseEmitter.event().id(Integer.toString(this.sent)).data("tick " + this.sent));
			if (this.sent == this.count) {
				this.emitter.complete();
			}
		}

	}

	static class EchoHandler extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			session.sendMessage(new TextMessage("echo " + message.getPayload()));
		}

	}

}
