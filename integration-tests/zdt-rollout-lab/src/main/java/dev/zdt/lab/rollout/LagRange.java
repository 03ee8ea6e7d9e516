package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.Random;

/**
 * The range of the deregistration lag: from the pod's deletion until the load balancer
 * stops routing new requests to it (EndpointSlice update, AWS Load Balancer Controller,
 * {@code DeregisterTargets}, propagation to every ALB node). Drawn uniformly.
 *
 * @param min shortest lag
 * @param max longest lag
 * @author zdt
 */
public record LagRange(Duration min, Duration max) {

	/**
	 * Parse {@code 2-15} (seconds).
	 * @param text the range in seconds
	 * @return the range
	 */
	public static LagRange parse(String text) {
		String[] parts = text.split("-", 2);
		double min = Double.parseDouble(parts[0].trim());
		double max = (parts.length > 1) ? Double.parseDouble(parts[1].trim()) : min;
		return new LagRange(Duration.ofMillis((long) (min * 1000)), Duration.ofMillis((long) (max * 1000)));
	}

	/**
	 * Draw a lag.
	 * @param random the source of randomness
	 * @return a lag within the range
	 */
	public Duration draw(Random random) {
		long span = this.max.toMillis() - this.min.toMillis();
		return this.min.plusMillis((span > 0) ? (long) (random.nextDouble() * span) : 0);
	}

	/**
	 * Return the range as {@code 2–15 s}.
	 * @return a label
	 */
	public String label() {
		return seconds(this.min) + "–" + seconds(this.max) + " s";
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? String.valueOf(duration.toSeconds())
				: String.valueOf(duration.toMillis() / 1000.0);
	}

}
