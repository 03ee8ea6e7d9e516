package dev.zdt.aws;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a hold asks the load balancer: its first poll no earlier than the load balancer
 * can plausibly report the target {@code draining} (the controller first has to see the
 * endpoint change and deregister the target), then one every poll interval, each spacing
 * jittered by ±50 % so that the pods of a fleet that drain together do not ask together;
 * at most a number of polls per hold, and none after a number of throttled polls in a
 * row.
 *
 * @param firstPollDelay the nominal time from the start of the hold to its first poll
 * @param pollInterval the nominal time between two polls
 * @param maxPollsPerHold the most polls one hold makes
 * @param throttleRetries the throttled polls in a row after which a hold stops asking
 * @param random the source of jitter, uniform in [0, 1)
 */
record PollRules(Duration firstPollDelay, Duration pollInterval, int maxPollsPerHold, int throttleRetries,
		DoubleSupplier random) {

	/**
	 * Returns a nominal spacing with jitter: uniform between half and one and a half
	 * times it, so that the mean is unchanged.
	 */
	Duration jittered(Duration nominal) {
		return Duration.ofNanos((long) (nominal.toNanos() * (0.5 + this.random.getAsDouble())));
	}

}
