package dev.zdt.testsupport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client (the JDK's) that keeps the text messages it receives and how the
 * server closed the connection: a close frame with its status code, or a failure.
 */
public final class WebSocketConnection implements AutoCloseable {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private WebSocketConnection(URI uri) throws ExecutionException, InterruptedException, TimeoutException {
		this.socket = client.newWebSocketBuilder().buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
	}

	/**
	 * Connects.
	 * @param uri the {@code ws://} address
	 * @return the open connection
	 * @throws Exception when the handshake fails
	 */
	public static WebSocketConnection open(URI uri) throws Exception {
		return new WebSocketConnection(uri);
	}

	/**
	 * Sends a text message.
	 * @param text the message
	 * @throws Exception when sending fails
	 */
	public void send(String text) throws Exception {
		this.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
	}

	/**
	 * Waits for the next text message.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none came in time
	 * @throws InterruptedException when interrupted
	 */
	public @Nullable String nextMessage(Duration timeout) throws InterruptedException {
		return this.messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Waits for the server to close the connection.
	 * @param timeout how long to wait
	 * @return how it closed
	 * @throws Exception when it did not close in time
	 */
	public Closed awaitClose(Duration timeout) throws Exception {
		return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns how the connection closed, if it has.
	 * @return how it closed, or {@code null} while open
	 */
	public @Nullable Closed closedNow() {
		return this.closed.getNow(null);
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	/**
	 * How a connection closed.
	 *
	 * @param statusCode the close frame's status code, or -1 when the connection failed
	 * @param reason the close frame's reason, or the failure
	 * @param atNanos when ({@link System#nanoTime()})
	 */
	public record Closed(int statusCode, String reason, long atNanos) {
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				WebSocketConnection.this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebSocketConnection.this.closed.complete(new Closed(statusCode, reason, System.nanoTime()));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebSocketConnection.this.closed.complete(new Closed(-1, String.valueOf(error), System.nanoTime()));
		}

	}

}
