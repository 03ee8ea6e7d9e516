package dev.zdt.lab.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Counts per second of the lab clock: requests answered by each server, 5xx from the load
 * balancer and client-side errors.
 *
 * @author zdt
 */
public final class Timeline {

	private static final int MAX_SECONDS = 4 * 3600;

	private final AtomicIntegerArray ok = new AtomicIntegerArray(MAX_SECONDS);

	private final AtomicIntegerArray serverErrors = new AtomicIntegerArray(MAX_SECONDS);

	private final AtomicIntegerArray clientErrors = new AtomicIntegerArray(MAX_SECONDS);

	private final Map<String, AtomicIntegerArray> byServer = new ConcurrentHashMap<>();

	private volatile int last;

	/**
	 * Count an answered request.
	 * @param nanos lab clock time of the answer
	 * @param server the server that answered
	 */
	public void recordOk(long nanos, String server) {
		int second = second(nanos);
		this.ok.incrementAndGet(second);
		this.byServer.computeIfAbsent(server, (name) -> new AtomicIntegerArray(MAX_SECONDS)).incrementAndGet(second);
	}

	/**
	 * Count a 5xx response.
	 * @param nanos lab clock time of the answer
	 */
	public void recordServerError(long nanos) {
		this.serverErrors.incrementAndGet(second(nanos));
	}

	/**
	 * Count a client-side failure.
	 * @param nanos lab clock time of the failure
	 */
	public void recordClientError(long nanos) {
		this.clientErrors.incrementAndGet(second(nanos));
	}

	private int second(long nanos) {
		int second = (int) Math.min(MAX_SECONDS - 1, Math.max(0, nanos / 1_000_000_000L));
		if (second > this.last) {
			this.last = second;
		}
		return second;
	}

	/**
	 * Return the number of seconds with data.
	 * @return the length of the timeline in seconds
	 */
	public int length() {
		return this.last + 1;
	}

	/**
	 * Return the answered requests (status below 500) per second.
	 * @return counts by second
	 */
	public int[] ok() {
		return copy(this.ok);
	}

	/**
	 * Return the 5xx responses per second.
	 * @return counts by second
	 */
	public int[] serverErrors() {
		return copy(this.serverErrors);
	}

	/**
	 * Return the client-side errors per second.
	 * @return counts by second
	 */
	public int[] clientErrors() {
		return copy(this.clientErrors);
	}

	/**
	 * Return the answered requests per second by server (HAProxy's {@code X-Served-By}).
	 * @return counts by second, by server name
	 */
	public Map<String, int[]> okByServer() {
		Map<String, int[]> result = new TreeMap<>();
		this.byServer.forEach((name, counts) -> result.put(name, copy(counts)));
		return result;
	}

	private int[] copy(AtomicIntegerArray counts) {
		int[] result = new int[length()];
		for (int i = 0; i < result.length; i++) {
			result[i] = counts.get(i);
		}
		return result;
	}

}
