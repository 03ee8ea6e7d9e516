package dev.zdt.boot.web;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.zdt.core.DrainListener;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Ends a Spring MVC application's long-lived responses cleanly when the drain's hold
 * ends, once the load balancer has stopped routing here, instead of leaving them to be
 * cut when the shutdown timeout expires. Pass each {@link SseEmitter} through
 * {@link #sse} before returning it: when the hold ends its client gets a last comment and
 * the end of the stream, and reconnects (an {@code EventSource} with its
 * {@code Last-Event-ID}) to another instance. WebSockets: decorate the handler with
 * {@code dev.zdt.boot.web.socket.LongLivedWebSockets}.
 * <p>
 * An application that ends other long-lived work itself can react to the same moment: a
 * {@link DrainListener} bean is told {@link DrainListener#holdEnded}; or it registers the
 * response here with {@link #register}, which the status ({@code longLivedConnections})
 * and the meters ({@code zdt.connections.long.lived}) then count.
 *
 * @since 0.1.0
 */
public final class LongLivedResponses {

	/**
	 * The comment a stream ends with. A comment carries no {@code id}, so the client's
	 * {@code Last-Event-ID} stays that of the last real event.
	 */
	public static final String FINAL_COMMENT = "zdt: this instance is shutting down, reconnect";

	private static final Log logger = LogFactory.getLog(LongLivedResponses.class);

	private static final int ENDING_THREADS = 2;

	private final LongLivedConnections connections;

	private final Executor ending;

	/**
	 * Creates the responses registered in a registry.
	 * @param connections the registry the drain ends them through
	 */
	public LongLivedResponses(LongLivedConnections connections) {
		this.connections = connections;
		this.ending = endingThreads();
	}

	/**
	 * Registers a server-sent event stream that starts: when the hold ends it sends
	 * {@link #FINAL_COMMENT} and completes; it is forgotten when it completes, times out
	 * or fails by itself. The emitter's own {@code onCompletion}, {@code onTimeout} and
	 * {@code onError} callbacks keep running, whether added before or after (Spring
	 * Framework 6.2 and 7 keep every callback added, in order). After the hold,
	 * {@link SseEmitter#send} throws {@link IllegalStateException}, as it does for any
	 * completed emitter. When {@code send} throws an {@link IOException} (the client has
	 * gone), complete the emitter with {@code completeWithError}: Jetty 12.1 does not
	 * report the failed write, and the stream would stay open, and registered, until its
	 * timeout.
	 * @param <T> the emitter's type
	 * @param emitter the emitter, before the handler returns it
	 * @return the same emitter
	 */
	public <T extends SseEmitter> T sse(T emitter) {
		Registration registration = register(Kind.SERVER_SENT_EVENTS, () -> endStream(emitter));
		emitter.onCompletion(registration::close);
		emitter.onTimeout(registration::close);
		emitter.onError((failure) -> registration.close());
		return emitter;
	}

	/**
	 * Registers a long-lived response that starts.
	 * @param kind what it is
	 * @param end ends it cleanly; it runs on a thread of its own, so it may block (a
	 * write to a slow client)
	 * @return the registration, to close when the response ends by itself
	 */
	public Registration register(Kind kind, Runnable end) {
		return this.connections.register(kind, () -> this.ending.execute(() -> runEnd(kind, end)));
	}

	private static void runEnd(Kind kind, Runnable end) {
		try {
			end.run();
		}
		catch (RuntimeException ex) {
			// The response is left to the web server's shutdown.
			logger.warn("zdt: ending a long-lived response (" + kind.tag() + ") failed", ex);
		}
	}

	private static void endStream(SseEmitter emitter) {
		try {
			// The emitter's lock orders this with the application's own sends.
			emitter.send(SseEmitter.event().comment(FINAL_COMMENT));
		}
		catch (IOException | IllegalStateException ex) {
			// The client has gone, or the application completed the stream meanwhile.
		}
		// Even after a failed send: not every container reports a failed write to the
		// request (Jetty 12 does not), and an uncompleted request holds up the shutdown.
		emitter.complete();
	}

	private static Executor endingThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("zdt-long-lived-end-");
		threads.setDaemon(true);
		ThreadPoolExecutor executor = new ThreadPoolExecutor(ENDING_THREADS, ENDING_THREADS, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		// Idle between drains: the threads exist only while responses are being ended.
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
