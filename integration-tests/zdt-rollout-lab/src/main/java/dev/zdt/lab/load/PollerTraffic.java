package dev.zdt.lab.load;

import java.time.Duration;

/**
 * Synchronized periodic pollers: {@code clients} requests at the same instant every
 * {@code period} (batch clients and schedulers polling on the same clock).
 *
 * @param clients requests per wave
 * @param period time between waves
 * @author zdt
 */
public record PollerTraffic(int clients, Duration period) implements TrafficShape {

	/**
	 * Create the shape.
	 * @param clients requests per wave, positive
	 * @param period time between waves, positive
	 */
	public PollerTraffic {
		if (clients < 1 || period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException(
					"Pollers need clients and a period, was %d every %s".formatted(clients, period));
		}
	}

	@Override
	public Schedule schedule() {
		long periodNanos = this.period.toNanos();
		long[] index = { 0 };
		return () -> (index[0]++ / this.clients) * periodNanos;
	}

	@Override
	public double meanRate() {
		return this.clients * 1e9 / this.period.toNanos();
	}

	@Override
	public int connections() {
		// Every poller has its own connection, as separate clients do.
		return Math.min(128, Math.max(4, this.clients));
	}

	@Override
	public String name() {
		return "pollers";
	}

	@Override
	public String label() {
		return "pollers (%d every %s)".formatted(this.clients, TrafficShape.durationText(this.period));
	}

}
