package dev.zdt.testsupport.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A server-sent event stream read as a browser's {@code EventSource} reads it: the JDK
 * HTTP client reads the body line by line on a thread of its own, and the test takes what
 * arrived, in order, with the time it arrived. The end of the body is either clean (the
 * server completed the response) or a failure (the connection was cut or reset); the two
 * are told apart.
 */
public final class EventStream implements AutoCloseable {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private final HttpResponse<Stream<String>> response;

	private final Thread reader;

	private EventStream(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = new Thread(this::read, "event-stream-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Opens a stream.
	 * @param uri the stream's address
	 * @param lastEventId the {@code Last-Event-ID} to send (a reconnection), or
	 * {@code null}
	 * @return the open stream, its headers received
	 * @throws IOException when the request fails
	 */
	public static EventStream open(URI uri, @Nullable String lastEventId) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new EventStream(client.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * Returns the response's status code.
	 * @return the status
	 */
	public int status() {
		return this.response.statusCode();
	}

	/**
	 * Waits for what arrives next.
	 * @param timeout how long to wait
	 * @return the next event, comment, end or failure, or {@code null} if none arrived in
	 * time
	 * @throws InterruptedException when interrupted
	 */
	public @Nullable Received next(Duration timeout) throws InterruptedException {
		return this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Waits for the next event, skipping comments.
	 * @param timeout how long to wait in all
	 * @return the event
	 * @throws InterruptedException when interrupted
	 * @throws IllegalStateException if the stream ended or nothing came in time
	 */
	public Received nextEvent(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Received next = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			if (next == null) {
				throw new IllegalStateException("No event within " + timeout);
			}
			if (next.kind() == Kind.EVENT) {
				return next;
			}
			if (next.kind() != Kind.COMMENT) {
				throw new IllegalStateException("Expected an event, got " + next);
			}
		}
	}

	private void read() {
		String id = null;
		StringBuilder data = null;
		try (Stream<String> lines = this.response.body()) {
			Iterator<String> iterator = lines.iterator();
			while (iterator.hasNext()) {
				String line = iterator.next();
				if (line.isEmpty()) {
					if (data != null) {
						this.received.add(new Received(Kind.EVENT, id, data.toString(), System.nanoTime()));
					}
					id = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					this.received.add(new Received(Kind.COMMENT, null, line.substring(1), System.nanoTime()));
				}
				else if (line.startsWith("id:")) {
					id = value(line);
				}
				else if (line.startsWith("data:")) {
					data = (data != null) ? data.append('\n').append(value(line)) : new StringBuilder(value(line));
				}
			}
			this.received.add(new Received(Kind.END, null, "", System.nanoTime()));
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			this.received.add(new Received(Kind.FAILURE, null, String.valueOf(ex), System.nanoTime()));
		}
	}

	private static String value(String line) {
		String value = line.substring(line.indexOf(':') + 1);
		return value.startsWith(" ") ? value.substring(1) : value;
	}

	/**
	 * Stops reading: the client goes away.
	 */
	@Override
	public void close() {
		this.reader.interrupt();
		this.response.body().close();
	}

	/**
	 * What a stream delivers.
	 */
	public enum Kind {

		/** An event: an id (or none) and data. */
		EVENT,

		/** A comment line ({@code :text}). */
		COMMENT,

		/** The clean end of the response body. */
		END,

		/** The connection was cut or reset before the body ended. */
		FAILURE

	}

	/**
	 * One thing a stream delivered.
	 *
	 * @param kind what it is
	 * @param id the event's id, or {@code null}
	 * @param text the event's data, the comment's text, or the failure
	 * @param atNanos when it arrived ({@link System#nanoTime()})
	 */
	public record Received(Kind kind, @Nullable String id, String text, long atNanos) {
	}

}
