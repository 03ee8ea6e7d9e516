package dev.zdt.integration;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: the alternative to sleeping and
 * hoping.
 */
final class Poll {

	static final Duration INTERVAL = Duration.ofMillis(20);

	private Poll() {
	}

	/**
	 * Polls until the condition holds.
	 * @param timeout the deadline, from now
	 * @param condition the condition
	 * @return whether the condition held before the deadline
	 */
	static boolean until(Duration timeout, BooleanSupplier condition) {
		return first(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty())
			.isPresent();
	}

	/**
	 * Polls until the probe returns a value.
	 * @param <T> the type of the value
	 * @param timeout the deadline, from now
	 * @param probe the probe, empty while the value is not there yet
	 * @return the first value, or empty when the deadline passed first
	 */
	static <T> Optional<T> first(Duration timeout, Supplier<Optional<T>> probe) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<T> value = probe.get();
			if (value.isPresent()) {
				return value;
			}
			if (System.nanoTime() - deadline >= 0) {
				return Optional.empty();
			}
			pause(INTERVAL);
		}
	}

	/**
	 * Waits until a point in time given by {@link System#nanoTime()}.
	 * @param nanos the point in time
	 */
	static void untilNanos(long nanos) {
		for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
			pause(Duration.ofNanos(Math.min(left, INTERVAL.toNanos())));
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while polling", ex);
		}
	}

}
