package dev.zdt.core.traffic;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The arrivals of one stream of requests (all of them, or one source's): when the first
 * and the last arrived, how many arrived in each of the last 64 seconds, and per
 * 10-second slot of the last five minutes the longest silence and the seconds with
 * traffic. Fixed-size, lock-free, allocation-free when recording.
 */
final class ArrivalLog {

	static final long NANOS_PER_SECOND = 1_000_000_000L;

	static final long NO_ARRIVAL = Long.MIN_VALUE;

	/** Arrivals are counted per second in a ring this long; a power of two. */
	private static final int BUCKETS = 64;

	/** Silences are kept per slot of this many seconds, in a ring of {@link #SLOTS}. */
	private static final int SLOT_SECONDS = 10;

	/** A power of two that covers {@link TrafficMonitor#HISTORY}. */
	private static final int SLOTS = 32;

	private static final long HISTORY_SLOTS = TrafficMonitor.HISTORY.toSeconds() / SLOT_SECONDS;

	private static final long SHORTEST_GAP_NANOS = TrafficMonitor.SHORTEST_RECORDED_GAP.toNanos();

	private static final Duration RATE_WINDOW = TrafficMonitor.RATE_WINDOW;

	private static final Duration HISTORY = TrafficMonitor.HISTORY;

	/** The steady rate is the lower median over blocks of this many seconds. */
	private static final int RATE_BLOCK_SECONDS = 5;

	private final long origin;

	private final AtomicLong firstArrival = new AtomicLong(NO_ARRIVAL);

	private final AtomicLong lastArrival = new AtomicLong(NO_ARRIVAL);

	private final AtomicLongArray bucketSecond = new AtomicLongArray(BUCKETS);

	private final AtomicLongArray bucketCount = new AtomicLongArray(BUCKETS);

	private final AtomicLongArray slotNumber = new AtomicLongArray(SLOTS);

	private final AtomicLongArray slotLongestGap = new AtomicLongArray(SLOTS);

	private final AtomicLongArray slotBusySeconds = new AtomicLongArray(SLOTS);

	ArrivalLog(long origin) {
		this.origin = origin;
		reset();
	}

	/**
	 * Forgets every arrival, for a source table entry taken over by another source.
	 * Arrivals recorded meanwhile may be kept or lost: the entry was idle for minutes.
	 */
	void reset() {
		this.firstArrival.set(NO_ARRIVAL);
		this.lastArrival.set(NO_ARRIVAL);
		for (int i = 0; i < BUCKETS; i++) {
			this.bucketSecond.set(i, -1);
			this.bucketCount.set(i, 0);
		}
		for (int i = 0; i < SLOTS; i++) {
			this.slotNumber.set(i, -1);
		}
	}

	void record(long now) {
		if (this.firstArrival.get() == NO_ARRIVAL) {
			this.firstArrival.compareAndSet(NO_ARRIVAL, now);
		}
		// A swap, not a max loop: racing writers differ by nanoseconds, and a CAS loop on
		// one shared field would make busy request threads wait for each other.
		long previous = this.lastArrival.getAndSet(now);
		long second = (now - this.origin) / NANOS_PER_SECOND;
		countInBucket(second);
		if (previous != NO_ARRIVAL && now - previous >= SHORTEST_GAP_NANOS) {
			recordSilence(second, now - previous);
		}
	}

	long lastArrivalNanos() {
		return this.lastArrival.get();
	}

	long firstArrivalNanos() {
		return this.firstArrival.get();
	}

	private void countInBucket(long second) {
		int index = (int) (second & (BUCKETS - 1));
		long seen = this.bucketSecond.get(index);
		if (seen != second && this.bucketSecond.compareAndSet(index, seen, second)) {
			// A concurrent increment between the two calls can be lost: harmless for a
			// rate estimate.
			this.bucketCount.set(index, 0);
			this.slotBusySeconds.incrementAndGet(claimSlot(second / SLOT_SECONDS));
		}
		this.bucketCount.incrementAndGet(index);
	}

	private void recordSilence(long endSecond, long gapNanos) {
		int index = claimSlot(endSecond / SLOT_SECONDS);
		long longest = this.slotLongestGap.get(index);
		// Loops only while this gap is the longest of its slot: rare once the slot has
		// seen a few.
		while (gapNanos > longest && !this.slotLongestGap.compareAndSet(index, longest, gapNanos)) {
			longest = this.slotLongestGap.get(index);
		}
	}

	private int claimSlot(long slot) {
		int index = (int) (slot & (SLOTS - 1));
		long seen = this.slotNumber.get(index);
		if (seen != slot && this.slotNumber.compareAndSet(index, seen, slot)) {
			// As with the buckets, a racing update of the old slot may be lost or kept:
			// harmless.
			this.slotLongestGap.set(index, 0);
			this.slotBusySeconds.set(index, 0);
		}
		return index;
	}

	/** See {@link TrafficMonitor#arrivalRate(long)}. */
	double arrivalRate(long atNanos) {
		long endSecond = (atNanos - this.origin) / NANOS_PER_SECOND;
		long windowSeconds = RATE_WINDOW.toSeconds();
		long count = 0;
		for (long second = Math.max(0, endSecond - windowSeconds + 1); second <= endSecond; second++) {
			int index = (int) (second & (BUCKETS - 1));
			if (this.bucketSecond.get(index) == second) {
				count += this.bucketCount.get(index);
			}
		}
		long first = this.firstArrival.get();
		long observedFrom = (first != NO_ARRIVAL) ? Math.max(this.origin, first) : this.origin;
		double observedSeconds = Math.min(windowSeconds, (atNanos - observedFrom) / (double) NANOS_PER_SECOND);
		return count / Math.max(1.0, observedSeconds);
	}

	/** See {@link TrafficMonitor#history(long)}. */
	TrafficHistory history(long atNanos) {
		long first = this.firstArrival.get();
		if (first == NO_ARRIVAL || first > atNanos) {
			return TrafficHistory.none();
		}
		long endSlot = (atNanos - this.origin) / NANOS_PER_SECOND / SLOT_SECONDS;
		long longest = 0;
		long busySeconds = 0;
		for (long slot = Math.max(0, endSlot - HISTORY_SLOTS + 1); slot <= endSlot; slot++) {
			int index = (int) (slot & (SLOTS - 1));
			if (this.slotNumber.get(index) == slot) {
				longest = Math.max(longest, this.slotLongestGap.get(index));
				busySeconds += this.slotBusySeconds.get(index);
			}
		}
		Duration observed = Duration.ofNanos(Math.min(HISTORY.toNanos(), atNanos - first));
		return new TrafficHistory(observed, Duration.ofNanos(longest), (int) busySeconds, steadyRate(atNanos, first));
	}

	/**
	 * Returns the longest gap between two application requests that ended from about
	 * {@code fromNanos} (rounded down to a ten-second slot) to {@code toNanos}.
	 * @param fromNanos the start, in ticker time
	 * @param toNanos the end, in ticker time
	 * @return the longest silence, {@link Duration#ZERO} when none was recorded
	 */
	Duration longestSilence(long fromNanos, long toNanos) {
		long fromSlot = Math.max(0, (fromNanos - this.origin) / NANOS_PER_SECOND / SLOT_SECONDS);
		long toSlot = (toNanos - this.origin) / NANOS_PER_SECOND / SLOT_SECONDS;
		long longest = 0;
		for (long slot = Math.max(fromSlot, toSlot - SLOTS + 1); slot <= toSlot; slot++) {
			int index = (int) (slot & (SLOTS - 1));
			if (this.slotNumber.get(index) == slot) {
				longest = Math.max(longest, this.slotLongestGap.get(index));
			}
		}
		return Duration.ofNanos(longest);
	}

	/**
	 * The lower median of the rates of the whole 5-second blocks in the 30 complete
	 * seconds before {@code atNanos}; the mean rate when the traffic is younger than one
	 * block.
	 */
	private double steadyRate(long atNanos, long firstArrival) {
		long endSecond = (atNanos - this.origin) / NANOS_PER_SECOND;
		long firstSecond = (firstArrival - this.origin) / NANOS_PER_SECOND;
		long blocks = RATE_WINDOW.toSeconds() / RATE_BLOCK_SECONDS;
		double[] rates = new double[(int) blocks];
		int filled = 0;
		for (long block = 0; block < blocks; block++) {
			long start = endSecond - (block + 1) * RATE_BLOCK_SECONDS;
			if (start < firstSecond) {
				break;
			}
			rates[filled++] = countIn(start, start + RATE_BLOCK_SECONDS) / (double) RATE_BLOCK_SECONDS;
		}
		if (filled == 0) {
			return arrivalRate(atNanos);
		}
		Arrays.sort(rates, 0, filled);
		return rates[(filled - 1) / 2];
	}

	private long countIn(long fromSecond, long toSecond) {
		long count = 0;
		for (long second = fromSecond; second < toSecond; second++) {
			int index = (int) (second & (BUCKETS - 1));
			if (this.bucketSecond.get(index) == second) {
				count += this.bucketCount.get(index);
			}
		}
		return count;
	}

}
