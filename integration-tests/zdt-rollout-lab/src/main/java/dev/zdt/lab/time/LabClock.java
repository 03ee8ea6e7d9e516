package dev.zdt.lab.time;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Time since the start of a lab run, so that the load timeline and the rollout events
 * line up.
 *
 * @author zdt
 */
public final class LabClock {

	private final LongSupplier nanoSource;

	private final long origin;

	private final Instant startedAt;

	private LabClock(LongSupplier nanoSource) {
		this.nanoSource = nanoSource;
		this.origin = nanoSource.getAsLong();
		this.startedAt = Instant.now();
	}

	/**
	 * Return the wall-clock time of lab time 0, to match events with the pods' log lines.
	 * @return when the clock started
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	/**
	 * Return a clock that starts now, driven by {@link System#nanoTime()}.
	 * @return the clock
	 */
	public static LabClock start() {
		return new LabClock(System::nanoTime);
	}

	/**
	 * Return a clock driven by the given nano time source (for tests).
	 * @param nanoSource the source of nano time
	 * @return the clock
	 */
	public static LabClock of(LongSupplier nanoSource) {
		return new LabClock(nanoSource);
	}

	/**
	 * Return the nanoseconds since this clock started.
	 * @return elapsed nanoseconds
	 */
	public long nanos() {
		return this.nanoSource.getAsLong() - this.origin;
	}

	/**
	 * Return the time since this clock started.
	 * @return elapsed time
	 */
	public Duration elapsed() {
		return Duration.ofNanos(nanos());
	}

	/**
	 * Return the seconds since this clock started.
	 * @return elapsed seconds
	 */
	public double seconds() {
		return nanos() / 1e9;
	}

}
