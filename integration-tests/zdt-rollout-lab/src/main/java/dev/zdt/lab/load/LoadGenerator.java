package dev.zdt.lab.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.zdt.lab.time.LabClock;
import dev.zdt.testsupport.http.HttpConnection;
import org.jspecify.annotations.Nullable;

/**
 * Open-loop load: requests are due on the traffic shape's schedule whatever the answers,
 * and a bounded pool of keep-alive connections sends them. A request that waits for a
 * free connection keeps its due time, so latency includes queueing (no coordinated
 * omission). Every status of 500 or more and every client-side failure (reset, end of
 * stream, timeout, refused) counts; nothing is retried.
 *
 * @author zdt
 */
public final class LoadGenerator implements Load {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final LoadOptions options;

	private final LabClock clock;

	private final TrafficSplit split;

	private final byte[][] requests;

	private final AtomicLong[] nodeRequests;

	private final AtomicLong[] nodeFailures;

	private final BlockingQueue<Request> due = new LinkedBlockingQueue<>();

	private final Timeline timeline = new Timeline();

	private final Map<Integer, AtomicLong> statusCounts = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> clientErrorCounts = new ConcurrentHashMap<>();

	private final AtomicLong scheduled = new AtomicLong();

	private final List<Thread> threads = new ArrayList<>();

	private final List<long[]> latencies = new ArrayList<>();

	private final List<Worker> workers = new ArrayList<>();

	private volatile boolean running;

	/**
	 * Create a load generator.
	 * @param options what to send
	 * @param clock the lab clock that the timeline follows
	 */
	public LoadGenerator(LoadOptions options, LabClock clock) {
		this(options, TrafficSplit.single(options.port()), clock);
	}

	/**
	 * Create a load generator that sends each request to one of several load balancer
	 * nodes, picked at random by the split's weights (the options' port is not used).
	 * @param options what to send
	 * @param split the nodes and their shares of the requests
	 * @param clock the lab clock that the timeline follows
	 */
	public LoadGenerator(LoadOptions options, TrafficSplit split, LabClock clock) {
		this.options = options;
		this.clock = clock;
		this.split = split;
		int nodes = split.nodes().size();
		this.requests = new byte[nodes][];
		this.nodeRequests = new AtomicLong[nodes];
		this.nodeFailures = new AtomicLong[nodes];
		for (int i = 0; i < nodes; i++) {
			this.requests[i] = ("GET " + options.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + split.nodes().get(i).port()
					+ "\r\nUser-Agent: zdt-rollout-lab\r\nAccept: */*\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			this.nodeRequests[i] = new AtomicLong();
			this.nodeFailures[i] = new AtomicLong();
		}
	}

	/**
	 * Start sending.
	 */
	@Override
	public void start() {
		this.running = true;
		Thread scheduler = new Thread(this::schedule, "load-scheduler");
		scheduler.setDaemon(true);
		scheduler.setPriority(Thread.MAX_PRIORITY);
		this.threads.add(scheduler);
		for (int i = 0; i < this.options.connections(); i++) {
			Worker worker = new Worker();
			this.workers.add(worker);
			Thread thread = new Thread(worker, "load-connection-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	private void schedule() {
		Schedule schedule = this.options.shape().schedule();
		SplittableRandom random = new SplittableRandom();
		long start = this.clock.nanos();
		while (this.running) {
			long dueAt = start + schedule.next();
			long wait = dueAt - this.clock.nanos();
			while (wait > 0 && this.running) {
				LockSupport.parkNanos(wait);
				wait = dueAt - this.clock.nanos();
			}
			if (!this.running) {
				return;
			}
			this.scheduled.incrementAndGet();
			this.due.add(new Request(dueAt, this.split.pick(random.nextDouble())));
		}
	}

	/**
	 * Stop scheduling, let the requests already due finish, and report.
	 * @return the report
	 * @throws InterruptedException if interrupted while waiting for the connections
	 */
	@Override
	public LoadReport stop() throws InterruptedException {
		this.running = false;
		long deadline = System.nanoTime() + this.options.timeout().plusSeconds(5).toNanos();
		for (Thread thread : this.threads) {
			thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
		for (Thread thread : this.threads) {
			if (thread.isAlive()) {
				thread.interrupt();
			}
		}
		return report();
	}

	/**
	 * Return the timeline recorded so far.
	 * @return the timeline
	 */
	public Timeline timeline() {
		return this.timeline;
	}

	private LoadReport report() {
		long[] all;
		synchronized (this.latencies) {
			all = this.latencies.stream().flatMapToLong(Arrays::stream).toArray();
		}
		Arrays.sort(all);
		long ok = this.statusCounts.entrySet()
			.stream()
			.filter((e) -> e.getKey() < 500)
			.mapToLong((e) -> e.getValue().get())
			.sum();
		long completed = this.statusCounts.values().stream().mapToLong(AtomicLong::get).sum()
				+ this.clientErrorCounts.values().stream().mapToLong(AtomicLong::get).sum();
		Map<String, NodeLoad> nodes = new LinkedHashMap<>();
		if (this.split.multiple()) {
			for (int i = 0; i < this.requests.length; i++) {
				nodes.put(this.split.nodes().get(i).name(),
						new NodeLoad(this.nodeRequests[i].get(), this.nodeFailures[i].get()));
			}
		}
		return new LoadReport(this.scheduled.get(), completed, ok, snapshot(this.statusCounts),
				snapshot(this.clientErrorCounts), percentile(all, 0.50), percentile(all, 0.99), percentile(all, 1.0),
				this.timeline, nodes);
	}

	private static <K> Map<K, Long> snapshot(Map<K, AtomicLong> counts) {
		Map<K, Long> result = new TreeMap<>();
		counts.forEach((key, count) -> result.put(key, count.get()));
		return result;
	}

	private static Duration percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Duration.ZERO;
		}
		int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
		return Duration.ofNanos(sorted[index]);
	}

	static String classify(IOException ex) {
		if (ex instanceof SocketTimeoutException) {
			return "timeout";
		}
		if (ex instanceof ConnectException) {
			return "connect refused";
		}
		if (ex instanceof EOFException) {
			return "closed before response";
		}
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("reset")) {
			return "connection reset";
		}
		if (message.contains("broken pipe")) {
			return "broken pipe";
		}
		return ex.getClass().getSimpleName();
	}

	private final class Worker implements Runnable {

		private long[] latencies = new long[1024];

		private int count;

		// One keep-alive connection per load balancer node.
		private final @Nullable HttpConnection[] connections = new HttpConnection[LoadGenerator.this.requests.length];

		@Override
		public void run() {
			try {
				while (true) {
					Request request = LoadGenerator.this.due.poll(50, TimeUnit.MILLISECONDS);
					if (request == null) {
						if (!LoadGenerator.this.running) {
							return;
						}
						continue;
					}
					send(request.dueAt(), request.node());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				for (int node = 0; node < this.connections.length; node++) {
					closeConnection(node);
				}
				synchronized (LoadGenerator.this.latencies) {
					LoadGenerator.this.latencies.add(Arrays.copyOf(this.latencies, this.count));
				}
			}
		}

		private void send(long dueAt, int node) {
			LoadGenerator.this.nodeRequests[node].incrementAndGet();
			try {
				HttpConnection connection = this.connections[node];
				if (connection == null) {
					connection = HttpConnection.open(LoadGenerator.this.split.nodes().get(node).port(), CONNECT_TIMEOUT,
							LoadGenerator.this.options.timeout());
					this.connections[node] = connection;
				}
				HttpConnection.Exchange response = connection.send(LoadGenerator.this.requests[node]);
				long now = LoadGenerator.this.clock.nanos();
				recordLatency(now - dueAt);
				LoadGenerator.this.statusCounts.computeIfAbsent(response.status(), (status) -> new AtomicLong())
					.incrementAndGet();
				if (response.status() >= 500) {
					LoadGenerator.this.nodeFailures[node].incrementAndGet();
					LoadGenerator.this.timeline.recordServerError(now);
				}
				else {
					LoadGenerator.this.timeline.recordOk(now, response.servedBy());
				}
				if (response.close()) {
					closeConnection(node);
				}
			}
			catch (IOException ex) {
				long now = LoadGenerator.this.clock.nanos();
				recordLatency(now - dueAt);
				LoadGenerator.this.clientErrorCounts.computeIfAbsent(classify(ex), (kind) -> new AtomicLong())
					.incrementAndGet();
				LoadGenerator.this.nodeFailures[node].incrementAndGet();
				LoadGenerator.this.timeline.recordClientError(now);
				closeConnection(node);
			}
		}

		private void recordLatency(long nanos) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = nanos;
		}

		private void closeConnection(int node) {
			HttpConnection connection = this.connections[node];
			if (connection != null) {
				connection.close();
				this.connections[node] = null;
			}
		}

	}

	/**
	 * A request that is due, and the load balancer node it goes to.
	 */
	private record Request(long dueAt, int node) {

	}

}
