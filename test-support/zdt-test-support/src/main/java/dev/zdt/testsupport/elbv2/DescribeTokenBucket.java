package dev.zdt.testsupport.elbv2;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ELBv2 API's rate limit for non-mutating calls as the Elastic Load Balancing user
 * guide documents it ("Request throttling for the ELB API"): one token bucket per account
 * and Region for every {@code Describe*} action, holding 40 tokens and refilled at 10 per
 * second. A request that finds the bucket empty is throttled; other actions pass.
 */
public final class DescribeTokenBucket implements FakeElbv2Server.Admission {

	/** The documented bucket size of the {@code Describe*} actions. */
	public static final int CAPACITY = 40;

	/** The documented refill rate of the {@code Describe*} actions, per second. */
	public static final double REFILL_PER_SECOND = 10;

	private final double capacity;

	private final double refillPerNano;

	private final LongSupplier nanoTime;

	private double tokens;

	private long refilledAt;

	/**
	 * Creates the documented bucket, full, on the monotonic clock.
	 */
	public DescribeTokenBucket() {
		this(CAPACITY, REFILL_PER_SECOND, System::nanoTime);
	}

	/**
	 * Creates a bucket, full.
	 * @param capacity the number of tokens it holds
	 * @param refillPerSecond the tokens added per second
	 * @param nanoTime the clock
	 */
	public DescribeTokenBucket(int capacity, double refillPerSecond, LongSupplier nanoTime) {
		if (capacity < 1 || refillPerSecond <= 0) {
			throw new IllegalArgumentException("capacity and refill rate must be positive");
		}
		this.capacity = capacity;
		this.refillPerNano = refillPerSecond / 1e9;
		this.nanoTime = nanoTime;
		this.tokens = capacity;
		this.refilledAt = nanoTime.getAsLong();
	}

	@Override
	public boolean admit(Map<String, String> request) {
		String action = request.get("Action");
		return action == null || !action.startsWith("Describe") || take();
	}

	/**
	 * Takes a token if there is one.
	 * @return whether a token was taken
	 */
	public synchronized boolean take() {
		long now = this.nanoTime.getAsLong();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.refillPerNano);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
