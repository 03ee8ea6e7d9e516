package dev.zdt.lab.load;

import java.time.Duration;
import java.util.Locale;

/**
 * The shape of the lab's open-loop traffic over time. Real traffic is often not Poisson:
 * it comes in bursts, clusters of page loads, synchronized waves of pollers. Each shape
 * is a deterministic {@link Schedule} of due times, so the load generator sends it and
 * tests check it without a clock.
 *
 * @author zdt
 */
public sealed interface TrafficShape permits SteadyTraffic, BurstyTraffic, PageLoadTraffic, PollerTraffic {

	/**
	 * The names {@link #of(String, double)} accepts.
	 */
	String NAMES = "steady, bursty, page-loads, pollers";

	/**
	 * Return a fresh schedule of this shape.
	 * @return the schedule, starting at offset 0
	 */
	Schedule schedule();

	/**
	 * Return the average rate over a long time.
	 * @return requests per second
	 */
	double meanRate();

	/**
	 * Return how many connections send this shape without queueing most requests.
	 * @return the size of the connection pool
	 */
	int connections();

	/**
	 * Return the shape's name.
	 * @return e.g. {@code bursty}
	 */
	String name();

	/**
	 * Return a short description for tables and logs.
	 * @return e.g. {@code bursty 600 req/s (1 s on / 2 s off)}, no commas (it goes into
	 * CSV)
	 */
	String label();

	/**
	 * Return the shape of a name with the lab's defaults, {@code rate} being the rate
	 * while sending where the shape has one.
	 * <ul>
	 * <li>{@code steady}: {@code rate} requests per second, evenly spaced.</li>
	 * <li>{@code bursty}: 1 s at {@code rate}, then 2 s of silence, repeated.</li>
	 * <li>{@code page-loads}: 10 users, each page load fires 5 to 20 requests at once,
	 * then 2 to 6 s of think time (about 31 req/s on average).</li>
	 * <li>{@code pollers}: 100 clients polling at the same instant every 3 s.</li>
	 * </ul>
	 * @param name the shape's name
	 * @param rate the rate while sending, requests per second
	 * @return the shape
	 */
	static TrafficShape of(String name, double rate) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "steady" -> new SteadyTraffic(rate);
			case "bursty" -> new BurstyTraffic(rate, Duration.ofSeconds(1), Duration.ofSeconds(2));
			case "page-loads" -> new PageLoadTraffic(10, 5, 20, Duration.ofSeconds(2), Duration.ofSeconds(6), 42);
			case "pollers" -> new PollerTraffic(100, Duration.ofSeconds(3));
			default ->
				throw new IllegalArgumentException("Unknown traffic shape '" + name + "', expected one of " + NAMES);
		};
	}

	/**
	 * Return a rate as a short text.
	 * @param rate requests per second
	 * @return e.g. {@code 600} or {@code 2.5}
	 */
	static String rateText(double rate) {
		return (rate == Math.rint(rate)) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
	}

	/**
	 * Return a duration as a short text.
	 * @param duration the duration
	 * @return e.g. {@code 2 s} or {@code 500 ms}
	 */
	static String durationText(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/**
	 * Return a pool size for a rate: about one connection per 10 requests per second, 4
	 * to 64.
	 * @param rate requests per second
	 * @return the pool size
	 */
	static int connectionsFor(double rate) {
		return (int) Math.max(4, Math.min(64, Math.ceil(rate / 10)));
	}

}
