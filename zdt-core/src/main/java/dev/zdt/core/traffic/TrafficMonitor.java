package dev.zdt.core.traffic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.zdt.core.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Records the arrivals and completions of application requests (never probes or
 * management calls): how many are in flight, when the last one arrived, the recent
 * arrival rate, and the {@linkplain #history(long) history} of silences between requests
 * over the last minutes, for all traffic and for each {@linkplain #sources() source}.
 * <p>
 * Built for the request path: recording an arrival is a handful of atomic operations on
 * fixed-size arrays and never allocates. Gaps shorter than {@link #SHORTEST_RECORDED_GAP}
 * (nearly all of them under load) cost one comparison.
 *
 * @since 0.1.0
 */
public final class TrafficMonitor {

	/** How far back the arrival rate looks. */
	public static final Duration RATE_WINDOW = Duration.ofSeconds(30);

	/** How far back the {@linkplain #history(long) history of silences} looks. */
	public static final Duration HISTORY = Duration.ofMinutes(5);

	/**
	 * Gaps shorter than this are not recorded as silences: far below any silence that
	 * could end a hold, and recording them would touch shared memory on nearly every
	 * request.
	 */
	public static final Duration SHORTEST_RECORDED_GAP = Duration.ofMillis(10);

	/**
	 * How many sources are tracked one by one; the traffic of any more is pooled. An ALB
	 * reaches a target from one or a few nodes per availability zone.
	 */
	public static final int SOURCES = 16;

	private final Ticker ticker;

	private final long origin;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder arrivals = new LongAdder();

	private final ArrivalLog all;

	private final SourceTable sources;

	/**
	 * Creates a monitor that reads time from the given ticker.
	 * @param ticker the time source
	 */
	public TrafficMonitor(Ticker ticker) {
		this.ticker = ticker;
		this.origin = ticker.nanos();
		this.all = new ArrivalLog(this.origin);
		this.sources = new SourceTable(SOURCES, this.origin);
	}

	/**
	 * Records the arrival of an application request from an unknown source; pair with
	 * {@link #requestFinished()}.
	 */
	public void requestStarted() {
		requestStarted(null);
	}

	/**
	 * Records the arrival of an application request; pair with
	 * {@link #requestFinished()}.
	 * @param source the TCP peer's address (behind an ALB, a load balancer node; never a
	 * forwarded-for header), or {@code null} when unknown
	 */
	public void requestStarted(@Nullable String source) {
		long now = this.ticker.nanos();
		this.inFlight.incrementAndGet();
		this.arrivals.increment();
		this.all.record(now);
		if (source != null) {
			this.sources.logOf(source, now).record(now);
		}
	}

	/**
	 * Records that an application request has completed.
	 */
	public void requestFinished() {
		this.inFlight.decrementAndGet();
	}

	/**
	 * Returns the number of application requests in flight.
	 * @return the in-flight count
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Returns the number of application requests that have arrived since the monitor
	 * started.
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
		return this.all.lastArrivalNanos();
	}

	/**
	 * Returns the time of the monitor's creation, in {@link Ticker#nanos()} time.
	 * @return the origin
	 */
	public long originNanos() {
		return this.origin;
	}

	/**
	 * Returns the mean arrival rate over the {@link #RATE_WINDOW} that ends at
	 * {@code atNanos}: shorter when the first request arrived less than a window ago (a
	 * pod that just went into rotation), and never shorter than a second.
	 * @param atNanos the end of the window, in {@link Ticker#nanos()} time
	 * @return arrivals per second
	 */
	public double arrivalRate(long atNanos) {
		return this.all.arrivalRate(atNanos);
	}

	/**
	 * Returns the traffic's history over the {@link #HISTORY} that ends at
	 * {@code atNanos}: its longest silence, its seconds with traffic, its steady rate.
	 * Allocates: meant for the start of a drain, not for the request path.
	 * @param atNanos the end of the history, in {@link Ticker#nanos()} time
	 * @return the history
	 */
	public TrafficHistory history(long atNanos) {
		return this.all.history(atNanos);
	}

	/**
	 * Returns the longest gap between two application requests that ended from about
	 * {@code fromNanos} (rounded down to a ten-second slot) to {@code toNanos}.
	 * @param fromNanos the start, in {@link Ticker#nanos()} time
	 * @param toNanos the end, in {@link Ticker#nanos()} time
	 * @return the longest silence, {@link Duration#ZERO} when none was recorded
	 */
	public Duration longestSilence(long fromNanos, long toNanos) {
		return this.all.longestSilence(fromNanos, toNanos);
	}

	/**
	 * Returns every source that has sent application requests, by address; the sources
	 * beyond {@link #SOURCES} under {@code (other)}. Empty when no request named its
	 * source.
	 * @return the sources
	 */
	public Map<String, TrafficSource> sources() {
		Map<String, TrafficSource> sources = new LinkedHashMap<>();
		this.sources.logs().forEach((address, log) -> sources.put(address, new TrafficSource(address, log)));
		return sources;
	}

}
