package dev.zdt.boot.web.socket;

import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Watches the closing handshakes of the WebSocket sessions the drain closed, so that a
 * session's registration stays open, and the end of the hold waits for it, until the
 * client's Close frame has come. Tomcat waits for that answer before it closes the
 * connection, but tells the application that the session has closed as soon as its own
 * Close frame is out: a shutdown that went on then would close connections whose clients
 * are still answering. Its {@code WsSession.isClosed()} says when the answer has come; no
 * callback does, so one thread polls while any handshake is under way, each for the given
 * time at most. Jetty needs no watch: it ends a session closed with 1001 at once, without
 * waiting for the client (it counts only 1000, 1005 and codes from 3000 as ordinary
 * closes).
 */
final class ClosingHandshakes {

	static final String TOMCAT_SESSION = "org.apache.tomcat.websocket.WsSession";

	private static final boolean TOMCAT = ClassUtils.isPresent(TOMCAT_SESSION,
			ClosingHandshakes.class.getClassLoader());

	private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

	private final long waitNanos;

	private final Queue<Watched> watched = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean polling = new AtomicBoolean();

	ClosingHandshakes(Duration wait) {
		this.waitNanos = wait.toNanos();
	}

	/**
	 * Returns how to tell that a session's closing handshake is over.
	 * @param session the session
	 * @return the test, or {@code null} when the session's server cannot tell
	 */
	static @Nullable BooleanSupplier over(WebSocketSession session) {
		if (TOMCAT && session instanceof NativeWebSocketSession socket) {
			return Tomcat.over(socket.getNativeSession());
		}
		return null;
	}

	/**
	 * Runs an action once a closing handshake is over, or the wait has passed.
	 * @param over whether the handshake is over
	 * @param then the action
	 */
	void watch(BooleanSupplier over, Runnable then) {
		this.watched.add(new Watched(over, then, System.nanoTime() + this.waitNanos));
		startPolling();
	}

	private void startPolling() {
		if (this.polling.compareAndSet(false, true)) {
			Thread thread = new Thread(this::poll, "zdt-websocket-closing");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void poll() {
		while (true) {
			for (Iterator<Watched> each = this.watched.iterator(); each.hasNext();) {
				Watched watched = each.next();
				if (watched.isOver()) {
					each.remove();
					watched.then().run();
				}
			}
			if (this.watched.isEmpty()) {
				this.polling.set(false);
				// One may have come after the check: poll on unless another thread does.
				if (this.watched.isEmpty() || !this.polling.compareAndSet(false, true)) {
					return;
				}
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	private record Watched(BooleanSupplier over, Runnable then, long deadlineNanos) {

		boolean isOver() {
			try {
				return this.over.getAsBoolean() || System.nanoTime() - this.deadlineNanos >= 0;
			}
			catch (RuntimeException ex) {
				return true;
			}
		}

	}

	/** Loaded only when Tomcat's WebSocket implementation is present. */
	private static final class Tomcat {

		static @Nullable BooleanSupplier over(@Nullable Object nativeSession) {
			return (nativeSession instanceof WsSession session) ? session::isClosed : null;
		}

	}

}
