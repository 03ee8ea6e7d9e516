package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The limit every {@code Duration} property of zdt ({@code zdt.aws.*} included) keeps to,
 * checked when the properties are bound. For zdt's own modules.
 *
 * @since 0.1.0
 */
public final class DurationProperties {

	/**
	 * The longest duration a zdt property takes: a day. Far longer than any hold,
	 * time-out or grace period that a web application behind a load balancer needs (an
	 * ALB's deregistration delay is at most an hour), and short enough that every
	 * deadline zdt computes from these durations, in nanoseconds of a monotonic clock and
	 * added to others, is exact: {@code zdt.drain.max-hold=300000d} overflowed that
	 * arithmetic and ended the hold after 8 ms.
	 */
	public static final Duration LIMIT = Duration.ofDays(1);

	private DurationProperties() {
	}

	/**
	 * Fails when a duration is longer than {@link #LIMIT}.
	 * @param name the property's canonical name, such as {@code zdt.drain.max-hold}
	 * @param value its bound value, {@code null} when not set
	 * @throws InvalidConfigurationPropertyValueException naming the property and the
	 * limit
	 */
	public static void requireWithinLimit(String name, @Nullable Duration value) {
		if (value != null && value.compareTo(LIMIT) > 0) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"must be at most 1d (" + LIMIT.toSeconds() + "s): no hold, time-out or grace period needs more, "
							+ "and zdt computes its deadlines in nanoseconds, which a longer one could overflow");
		}
	}

}
