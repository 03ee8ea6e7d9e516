package dev.zdt.testsupport.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * Steady background traffic to the application port, as a load balancer sends it: each
 * worker sends one request at a time, a new connection per request, and records every
 * outcome.
 */
public final class LoadGenerator implements AutoCloseable {

	private final int port;

	private final String path;

	private final Duration pause;

	private final List<Thread> workers = new ArrayList<>();

	private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private volatile boolean running;

	/**
	 * Creates a generator; {@link #start()} starts it.
	 * @param port the application port
	 * @param path the path of every request
	 * @param workers how many requests are in flight at most
	 * @param pause the pause of each worker between requests
	 */
	public LoadGenerator(int port, String path, int workers, Duration pause) {
		this.port = port;
		this.path = path;
		this.pause = pause;
		for (int i = 0; i < workers; i++) {
			Thread worker = new Thread(this::run, "load-" + i);
			worker.setDaemon(true);
			this.workers.add(worker);
		}
	}

	/**
	 * Starts the workers.
	 */
	public void start() {
		this.running = true;
		this.workers.forEach(Thread::start);
	}

	private void run() {
		while (this.running) {
			Instant startedAt = Instant.now();
			long start = System.nanoTime();
			try {
				HttpResult result = HttpConnection.get(this.port, this.path, Duration.ofSeconds(10));
				this.samples.add(new Sample(startedAt, start, System.nanoTime(), result.status(),
						result.connectionClose(), null));
			}
			catch (IOException ex) {
				this.samples.add(new Sample(startedAt, start, System.nanoTime(), -1, false, ex.toString()));
			}
			try {
				Thread.sleep(this.pause.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Stops sending and waits for the requests in flight (at most their timeout).
	 */
	public void stop() {
		this.running = false;
		for (Thread worker : this.workers) {
			try {
				worker.join(Duration.ofSeconds(15).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Returns the outcomes so far.
	 * @return the samples in completion order
	 */
	public List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	/**
	 * Returns the number of requests that got a 200 so far.
	 * @return the count
	 */
	public long succeeded() {
		return this.samples.stream().filter(Sample::ok).count();
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * The outcome of one request.
	 *
	 * @param startedAt when the request started, on the wall clock (to compare with log
	 * time stamps)
	 * @param startNanos when the request started, in {@link System#nanoTime()}
	 * @param endNanos when the response or the error came
	 * @param status the status, -1 on a connection error
	 * @param connectionClose whether the response carried {@code Connection: close}
	 * @param error the connection error, or {@code null}
	 */
	public record Sample(Instant startedAt, long startNanos, long endNanos, int status, boolean connectionClose,
			@Nullable String error) {

		public boolean ok() {
			return this.status == 200;
		}

	}

}
