package dev.zdt.boot.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the consumers of a test did with each record (keyed by its sequence number), and
 * the kill of the first instance as kubelet's SIGKILL, or the JVM's exit after the
 * context has closed, would do it: a record whose processing ends after the kill was not
 * processed, and its consumer neither commits nor polls again.
 */
final class RecordLedger {

	private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

	private final List<Long> processedAt = java.util.Collections.synchronizedList(new ArrayList<>());

	private final CountDownLatch released = new CountDownLatch(1);

	private volatile boolean killed;

	/**
	 * Records that a record's processing has finished.
	 * @param key the record's key
	 */
	void processed(String key) {
		this.processed.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		this.processedAt.add(System.nanoTime());
	}

	void kill() {
		this.killed = true;
	}

	boolean isKilled() {
		return this.killed;
	}

	/**
	 * Parks the calling consumer thread of a killed instance until the test ends.
	 */
	void parkKilled() {
		try {
			this.released.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void release() {
		this.released.countDown();
	}

	/**
	 * Returns how many records finished processing at or after the given time.
	 * @param nanoTime a {@link System#nanoTime()}
	 * @return the count
	 */
	long processedSince(long nanoTime) {
		synchronized (this.processedAt) {
			return this.processedAt.stream().filter((at) -> at - nanoTime >= 0).count();
		}
	}

	int processedCount() {
		return this.processedAt.size();
	}

	/**
	 * Returns the sequence numbers below {@code sent} that no consumer processed.
	 * @param sent how many records were sent
	 * @return the lost ones
	 */
	List<Integer> lost(int sent) {
		List<Integer> lost = new ArrayList<>();
		for (int i = 0; i < sent; i++) {
			if (!this.processed.containsKey(Integer.toString(i))) {
				lost.add(i);
			}
		}
		return lost;
	}

	/**
	 * Returns the records processed more than once, with their counts.
	 * @return counts by sequence number
	 */
	Map<Integer, Integer> duplicated() {
		Map<Integer, Integer> duplicated = new TreeMap<>();
		this.processed.forEach((key, count) -> {
			if (count.get() > 1) {
				duplicated.put(Integer.valueOf(key), count.get());
			}
		});
		return duplicated;
	}

}
