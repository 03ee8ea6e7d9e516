package dev.zdt.lab.work;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user starting high-score exports through the load balancer at a steady pace
 * ({@code POST /api/exports}); remembers the ids of the jobs the app accepted
 * ({@code 202}) and counts the requests that failed.
 *
 * @author zdt
 */
public final class ExportDriver {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI uri;

	private final Duration period;

	private final List<String> accepted = new ArrayList<>();

	private final List<String> failed = new ArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * Start sending export requests.
	 * @param port the load balancer's port
	 * @param period the time between two requests
	 */
	public ExportDriver(int port, Duration period) {
		this.uri = URI.create("http://127.0.0.1:" + port + "/api/exports");
		this.period = period;
		this.thread = new Thread(this::send, "export-driver");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void send() {
		long next = System.nanoTime();
		while (this.running) {
			String outcome = request();
			synchronized (this.accepted) {
				if (outcome.startsWith("id ")) {
					this.accepted.add(outcome.substring(3));
				}
				else {
					this.failed.add(outcome);
				}
			}
			next += this.period.toNanos();
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	private String request() {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return accepted(response.statusCode(), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
			return "interrupted";
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName();
		}
	}

	/**
	 * Return {@code id <id>} for an accepted export, else the status.
	 * @param status the response status
	 * @param body the response body
	 * @return the outcome
	 */
	static String accepted(int status, String body) {
		if (status != 202) {
			return "status " + status;
		}
		Matcher id = ID.matcher(body);
		return id.find() ? "id " + id.group(1) : "202 without an id";
	}

	/**
	 * Stop sending and wait for the request in flight.
	 * @return what was sent
	 * @throws InterruptedException if interrupted
	 */
	public Requests stop() throws InterruptedException {
		this.running = false;
		this.thread.join(TIMEOUT.multipliedBy(2).toMillis());
		synchronized (this.accepted) {
			return new Requests(List.copyOf(this.accepted), List.copyOf(this.failed));
		}
	}

	/**
	 * The export requests of a run.
	 *
	 * @param accepted the ids of the accepted jobs
	 * @param failed how each other request ended (e.g. {@code status 503},
	 * {@code ConnectException})
	 */
	public record Requests(List<String> accepted, List<String> failed) {
	}

}
