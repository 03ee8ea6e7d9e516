package dev.zdt.lab.load;

import java.time.Duration;

/**
 * On/off traffic: {@code on} at a fixed rate, then {@code off} of silence, repeated (an
 * upstream that retries in bursts, a client that pauses between batches).
 *
 * @param rate requests per second while on
 * @param on how long each burst lasts
 * @param off the silence after each burst
 * @author zdt
 */
public record BurstyTraffic(double rate, Duration on, Duration off) implements TrafficShape {

	/**
	 * Create the shape.
	 * @param rate requests per second while on, positive
	 * @param on how long each burst lasts, positive
	 * @param off the silence after each burst, not negative
	 */
	public BurstyTraffic {
		if (!(rate > 0) || on.isNegative() || on.isZero() || off.isNegative()) {
			throw new IllegalArgumentException(
					"Bursty traffic needs a positive rate and burst, was %s req/s, %s on, %s off".formatted(rate, on,
							off));
		}
	}

	@Override
	public Schedule schedule() {
		double period = 1e9 / this.rate;
		long perBurst = Math.max(1, Math.round(this.rate * this.on.toNanos() / 1e9));
		long cycle = this.on.plus(this.off).toNanos();
		long[] index = { 0 };
		return () -> {
			long i = index[0]++;
			return (i / perBurst) * cycle + (long) ((i % perBurst) * period);
		};
	}

	@Override
	public double meanRate() {
		return this.rate * this.on.toNanos() / this.on.plus(this.off).toNanos();
	}

	@Override
	public int connections() {
		return TrafficShape.connectionsFor(this.rate);
	}

	@Override
	public String name() {
		return "bursty";
	}

	@Override
	public String label() {
		return "bursty %s req/s (%s on / %s off)".formatted(TrafficShape.rateText(this.rate),
				TrafficShape.durationText(this.on), TrafficShape.durationText(this.off));
	}

}
