package dev.zdt.lab.load;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Clustered page loads: a few users, each page load fires {@code minRequests} to
 * {@code maxRequests} requests at the same instant, then the user thinks for
 * {@code minThink} to {@code maxThink} (uniform) before the next one. The users start
 * spread over one think time. Seeded, so every run of a seed sends the same schedule.
 *
 * @param users concurrent users
 * @param minRequests fewest requests of a page load
 * @param maxRequests most requests of a page load
 * @param minThink shortest think time
 * @param maxThink longest think time
 * @param seed the seed of the random sizes and think times
 * @author zdt
 */
public record PageLoadTraffic(int users, int minRequests, int maxRequests, Duration minThink, Duration maxThink,
		long seed) implements TrafficShape {

	/**
	 * How many connections a browser opens to one host over HTTP/1.1.
	 */
	private static final int CONNECTIONS_PER_USER = 6;

	/**
	 * Create the shape.
	 * @param users concurrent users, positive
	 * @param minRequests fewest requests of a page load, positive
	 * @param maxRequests most requests of a page load, at least {@code minRequests}
	 * @param minThink shortest think time, positive
	 * @param maxThink longest think time, at least {@code minThink}
	 * @param seed the seed
	 */
	public PageLoadTraffic {
		if (users < 1 || minRequests < 1 || maxRequests < minRequests || minThink.isNegative() || minThink.isZero()
				|| maxThink.compareTo(minThink) < 0) {
			throw new IllegalArgumentException("Invalid page loads: %d users, %d-%d requests, think %s-%s"
				.formatted(users, minRequests, maxRequests, minThink, maxThink));
		}
	}

	@Override
	public Schedule schedule() {
		SplittableRandom random = new SplittableRandom(this.seed);
		PriorityQueue<long[]> nextLoads = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
		for (int user = 0; user < this.users; user++) {
			nextLoads.add(new long[] { random.nextLong(this.maxThink.toNanos()) });
		}
		long[] burst = { 0, 0 };
		return () -> {
			if (burst[1] == 0) {
				long[] user = nextLoads.poll();
				burst[0] = user[0];
				burst[1] = random.nextInt(this.minRequests, this.maxRequests + 1);
				user[0] += think(random);
				nextLoads.add(user);
			}
			burst[1]--;
			return burst[0];
		};
	}

	private long think(SplittableRandom random) {
		long min = this.minThink.toNanos();
		long max = this.maxThink.toNanos();
		return (max == min) ? min : random.nextLong(min, max + 1);
	}

	@Override
	public double meanRate() {
		double requests = (this.minRequests + this.maxRequests) / 2.0;
		double think = (this.minThink.toNanos() + this.maxThink.toNanos()) / 2e9;
		return this.users * requests / think;
	}

	@Override
	public int connections() {
		return Math.min(128, Math.max(4, this.users * CONNECTIONS_PER_USER));
	}

	@Override
	public String name() {
		return "page-loads";
	}

	@Override
	public String label() {
		return "page loads (%d users x %d-%d requests / think %s-%s)".formatted(this.users, this.minRequests,
				this.maxRequests, TrafficShape.durationText(this.minThink), TrafficShape.durationText(this.maxThink));
	}

}
