package dev.zdt.aws;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import dev.zdt.core.time.Ticker;

/**
 * What the ELBv2 API's {@code Throttling} answers teach one process: after each throttled
 * call in a row, no call of any hold or target group of this process goes out before a
 * full-jitter back-off, a random time between zero and
 * {@code min(20 s, poll interval × 2^throttles)}; an answer ends the back-off. The
 * account's token bucket is shared with the AWS Load Balancer Controller, so calls that
 * the bucket refuses are not sent again at once.
 */
final class ThrottleBackoff {

	static final Duration CEILING = Duration.ofSeconds(20);

	private final Duration base;

	private final Ticker ticker;

	private final DoubleSupplier random;

	private int throttles;

	private long notBefore;

	ThrottleBackoff(Duration base, Ticker ticker, DoubleSupplier random) {
		this.base = base;
		this.ticker = ticker;
		this.random = random;
	}

	synchronized void throttled() {
		this.throttles++;
		long ceiling = Math.min(CEILING.toNanos(), this.base.toNanos() << Math.min(this.throttles, 20));
		this.notBefore = this.ticker.nanos() + (long) (this.random.getAsDouble() * ceiling);
	}

	synchronized void answered() {
		this.throttles = 0;
	}

	/**
	 * Returns whether a call may go out now.
	 * @return {@code false} while backing off
	 */
	synchronized boolean allowsCall() {
		return this.throttles == 0 || this.ticker.nanos() - this.notBefore >= 0;
	}

	/**
	 * Returns how many calls in a row were throttled.
	 * @return the count, zero after an answer
	 */
	synchronized int throttles() {
		return this.throttles;
	}

}
