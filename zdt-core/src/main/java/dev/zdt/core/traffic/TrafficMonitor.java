package dev.zdt.core.traffic;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import dev.zdt.core.time.Ticker;

/**
 * Records the arrivals and completions of application requests (never probes or management
 * calls): how many are in flight, when the last one arrived, and the recent arrival rate.
 * <p>
 * Built for the request path: recording an arrival is a handful of uncontended atomic
 * operations and never allocates.
 *
 * @since 0.1.0
 */
public final class TrafficMonitor {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/** Arrivals are counted per second in a ring this long; a power of two. */
	private static final int BUCKETS = 64;

	/** How far back the arrival rate looks. */
	public static final Duration RATE_WINDOW = Duration.ofSeconds(30);

	private static final long NO_ARRIVAL = Long.MIN_VALUE;

	private final Ticker ticker;

	private final long origin;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder arrivals = new LongAdder();

	private final AtomicLong firstArrival = new AtomicLong(NO_ARRIVAL);

	private final AtomicLong lastArrival = new AtomicLong(NO_ARRIVAL);

	private final AtomicLongArray bucketSecond = new AtomicLongArray(BUCKETS);

	private final AtomicLongArray bucketCount = new AtomicLongArray(BUCKETS);

	/**
	 * Creates a monitor that reads time from the given ticker.
	 * @param ticker the time source
	 */
	public TrafficMonitor(Ticker ticker) {
		this.ticker = ticker;
		this.origin = ticker.nanos();
		for (int i = 0; i < BUCKETS; i++) {
			this.bucketSecond.set(i, -1);
		}
	}

	/**
	 * Records the arrival of an application request; pair with {@link #requestFinished()}.
	 */
	public void requestStarted() {
		long now = this.ticker.nanos();
		this.inFlight.incrementAndGet();
		this.arrivals.increment();
		if (this.firstArrival.get() == NO_ARRIVAL) {
			this.firstArrival.compareAndSet(NO_ARRIVAL, now);
		}
		// A plain write, not a max loop: racing writers differ by nanoseconds, and a CAS loop on
		// one shared field would make busy request threads wait for each other.
		this.lastArrival.set(now);
		countInBucket(now);
	}

	/**
	 * Records that an application request has completed.
	 */
	public void requestFinished() {
		this.inFlight.decrementAndGet();
	}

	private void countInBucket(long now) {
		long second = (now - this.origin) / NANOS_PER_SECOND;
		int index = (int) (second & (BUCKETS - 1));
		long seen = this.bucketSecond.get(index);
		if (seen != second && this.bucketSecond.compareAndSet(index, seen, second)) {
			// A concurrent increment between the two calls can be lost: harmless for a rate estimate.
			this.bucketCount.set(index, 0);
		}
		this.bucketCount.incrementAndGet(index);
	}

	/**
	 * Returns the number of application requests in flight.
	 * @return the in-flight count
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Returns the number of application requests that have arrived since the monitor started.
	 * @return the arrival count
	 */
	public long arrivals() {
		return this.arrivals.sum();
	}

	/**
	 * Returns when the last application request arrived, in {@link Ticker#nanos()} time.
	 * @return the arrival time, or {@link Long#MIN_VALUE} when none has arrived
	 */
	public long lastArrivalNanos() {
		return this.lastArrival.get();
	}

	/**
	 * Returns the time of the monitor's creation, in {@link Ticker#nanos()} time.
	 * @return the origin
	 */
	public long originNanos() {
		return this.origin;
	}

	/**
	 * Returns the mean arrival rate over the {@link #RATE_WINDOW} that ends at {@code atNanos}:
	 * shorter when the first request arrived less than a window ago (a pod that just went into
	 * rotation), and never shorter than a second.
	 * @param atNanos the end of the window, in {@link Ticker#nanos()} time
	 * @return arrivals per second
	 */
	public double arrivalRate(long atNanos) {
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

}
