package dev.zdt.core.traffic;

import java.time.Duration;

/**
 * The traffic of one source (a TCP peer, e.g. one load balancer node), or of the sources
 * pooled beyond the {@link TrafficMonitor#SOURCES} tracked one by one.
 *
 * @since 0.1.0
 */
public final class TrafficSource {

	private final String address;

	private final ArrivalLog log;

	TrafficSource(String address, ArrivalLog log) {
		this.address = address;
		this.log = log;
	}

	/**
	 * Returns the source's address, or {@code (other)} for the pooled sources.
	 * @return the address
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Returns when the source's last request arrived, in ticker time.
	 * @return the time, or {@link Long#MIN_VALUE} when none has
	 */
	public long lastArrivalNanos() {
		return this.log.lastArrivalNanos();
	}

	/**
	 * Returns the source's mean arrival rate, as
	 * {@link TrafficMonitor#arrivalRate(long)}.
	 * @param atNanos the end of the window, in ticker time
	 * @return arrivals per second
	 */
	public double arrivalRate(long atNanos) {
		return this.log.arrivalRate(atNanos);
	}

	/**
	 * Returns the source's history, as {@link TrafficMonitor#history(long)}.
	 * @param atNanos the end of the history, in ticker time
	 * @return the history
	 */
	public TrafficHistory history(long atNanos) {
		return this.log.history(atNanos);
	}

	/**
	 * Returns the source's longest silence, as
	 * {@link TrafficMonitor#longestSilence(long, long)}.
	 * @param fromNanos the start, in ticker time
	 * @param toNanos the end, in ticker time
	 * @return the longest silence
	 */
	public Duration longestSilence(long fromNanos, long toNanos) {
		return this.log.longestSilence(fromNanos, toNanos);
	}

}
