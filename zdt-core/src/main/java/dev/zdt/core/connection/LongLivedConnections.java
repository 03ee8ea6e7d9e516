package dev.zdt.core.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;

/**
 * The long-lived responses open on this instance: server-sent event streams and
 * WebSockets. A graceful shutdown waits for responses to complete, and these never do:
 * left alone they are cut when the shutdown timeout expires, and their clients see an
 * error. So each one registers how to end it cleanly (a last event and the end of the
 * stream, a close frame 1001 "going away"), and when the hold ends, once the load
 * balancer has stopped routing here, every one still open is ended that way: its client
 * reconnects and lands on another instance. A response registered after the hold has
 * ended is ended at once.
 * <p>
 * A WebSocket ends with a closing handshake (RFC 6455 §7): the server sends its Close
 * frame, the client answers with its own, then the server closes the TCP connection. So
 * the end of the hold waits, at most {@link #CLOSING_HANDSHAKE_WAIT}, until the
 * WebSockets it ended have closed their registrations: a shutdown that went on at once
 * would close connections whose clients are still answering, and a client whose answer
 * reaches a closed socket sees its connection reset.
 *
 * @since 0.1.0
 */
public final class LongLivedConnections implements DrainListener {

	/**
	 * How long the end of the hold waits at most for the WebSockets it ended to close:
	 * their clients' Close frames take a round trip. Well within
	 * {@link dev.zdt.core.ShutdownBudget#WAIT_MARGIN}, which bounds how long past the
	 * maximum hold its callers wait.
	 */
	public static final Duration CLOSING_HANDSHAKE_WAIT = Duration.ofSeconds(1);

	private final Map<Kind, Set<Connection>> open = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicLong> ended = new EnumMap<>(Kind.class);

	private final AtomicLong endFailures = new AtomicLong();

	private final Duration closingHandshakeWait;

	private volatile boolean holdOver;

	/**
	 * Creates an empty registry.
	 */
	public LongLivedConnections() {
		this(CLOSING_HANDSHAKE_WAIT);
	}

	/**
	 * Creates an empty registry whose end of the hold waits the given time at most for
	 * WebSockets to close.
	 * @param closingHandshakeWait the longest wait, zero or positive
	 */
	public LongLivedConnections(Duration closingHandshakeWait) {
		if (closingHandshakeWait.isNegative()) {
			throw new IllegalArgumentException("closingHandshakeWait must not be negative: " + closingHandshakeWait);
		}
		this.closingHandshakeWait = closingHandshakeWait;
		for (Kind kind : Kind.values()) {
			this.open.put(kind, ConcurrentHashMap.newKeySet());
			this.ended.put(kind, new AtomicLong());
		}
	}

	/**
	 * Registers a long-lived response that has started.
	 * @param kind what it is
	 * @param end ends it cleanly; called at most once, on the thread that ends the hold
	 * (or on this one, if the hold is already over), and must not block
	 * @return the registration, to close when the response ends, by itself or after
	 * {@code end}: a WebSocket counts as open until then
	 */
	public Registration register(Kind kind, Runnable end) {
		Connection connection = new Connection(kind, end);
		openOf(kind).add(connection);
		if (this.holdOver) {
			connection.end();
		}
		return connection;
	}

	/**
	 * Returns how many responses of a kind are open now.
	 * @param kind the kind
	 * @return the number open
	 */
	public int open(Kind kind) {
		return openOf(kind).size();
	}

	/**
	 * Returns how many responses of a kind the drain has ended.
	 * @param kind the kind
	 * @return the number ended by the drain
	 */
	public long ended(Kind kind) {
		return endedOf(kind).get();
	}

	/**
	 * Returns how many ends failed (the response was then left to the shutdown).
	 * @return the number of failed ends
	 */
	public long endFailures() {
		return this.endFailures.get();
	}

	@Override
	public void holdEnded(DrainResult result) {
		this.holdOver = true;
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		for (Set<Connection> connections : this.open.values()) {
			for (Connection connection : connections) {
				if (connection.end() && connection.kind == Kind.WEBSOCKET) {
					closing.add(connection.closed);
				}
			}
		}
		awaitClosed(closing);
	}

	// Every kind has its set and its counter from the start.
	private Set<Connection> openOf(Kind kind) {
		return Objects.requireNonNull(this.open.get(kind));
	}

	private AtomicLong endedOf(Kind kind) {
		return Objects.requireNonNull(this.ended.get(kind));
	}

	private void awaitClosed(List<CompletableFuture<Void>> closing) {
		if (closing.isEmpty() || this.closingHandshakeWait.isZero()) {
			return;
		}
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
				.get(this.closingHandshakeWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// Those still closing are left to the web server's shutdown.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		this.holdOver = false;
	}

	/**
	 * What a long-lived response is.
	 */
	public enum Kind {

		/**
		 * A {@code text/event-stream} response.
		 */
		SERVER_SENT_EVENTS("sse"),

		/**
		 * A WebSocket session.
		 */
		WEBSOCKET("websocket");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

		/**
		 * Returns the short name used in meters and the status.
		 * @return {@code sse} or {@code websocket}
		 */
		public String tag() {
			return this.tag;
		}

	}

	/**
	 * A registered response.
	 */
	public interface Registration extends AutoCloseable {

		/**
		 * Removes the response: it has ended by itself. Closing twice does nothing.
		 */
		@Override
		void close();

	}

	private final class Connection implements Registration {

		private final Kind kind;

		private final Runnable end;

		private final AtomicBoolean ending = new AtomicBoolean();

		private final CompletableFuture<Void> closed = new CompletableFuture<>();

		Connection(Kind kind, Runnable end) {
			this.kind = kind;
			this.end = end;
		}

		/**
		 * Ends the response, unless it is ending already.
		 * @return whether this call ended it
		 */
		boolean end() {
			if (!this.ending.compareAndSet(false, true)) {
				return false;
			}
			try {
				this.end.run();
				endedOf(this.kind).incrementAndGet();
			}
			catch (Throwable ex) {
				// The response is left to the web server's shutdown; a failed end is
				// counted.
				LongLivedConnections.this.endFailures.incrementAndGet();
				close();
				return false;
			}
			if (this.kind != Kind.WEBSOCKET) {
				close();
			}
			return true;
		}

		@Override
		public void close() {
			openOf(this.kind).remove(this);
			this.closed.complete(null);
		}

	}

}
