package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Fails startup on property values that would make a drain unsafe or meaningless, naming
 * the property and the fix. Runs once, when {@link ZdtProperties} has been bound; the
 * core's own argument checks (such as {@code HoldBounds}') only guard its API.
 */
final class ZdtPropertiesValidator {

	private ZdtPropertiesValidator() {
	}

	static void validate(ZdtProperties properties) {
		ZdtProperties.Drain drain = properties.getDrain();
		// max-hold first: an unset min-hold follows it, and the message must name the one
		// that was set.
		DurationProperties.requireWithinLimit("zdt.drain.max-hold", drain.getMaxHold());
		DurationProperties.requireWithinLimit("zdt.drain.delay", drain.getDelay());
		DurationProperties.requireWithinLimit("zdt.drain.min-hold", drain.getMinHold());
		DurationProperties.requireWithinLimit("zdt.drain.check-interval", drain.getCheckInterval());
		DurationProperties.requireWithinLimit("zdt.drain.adaptive.min-quiet", drain.getAdaptive().getMinQuiet());
		DurationProperties.requireWithinLimit("zdt.drain.cancel-after", drain.getCancelAfter());
		DurationProperties.requireWithinLimit("zdt.termination-grace-period", properties.getTerminationGracePeriod());
		requireNotNegative("zdt.drain.max-hold", drain.getMaxHold());
		requireNotNegative("zdt.drain.delay", drain.getDelay());
		requireNotNegative("zdt.drain.min-hold", drain.getMinHold());
		requireNotNegative("zdt.drain.adaptive.min-quiet", drain.getAdaptive().getMinQuiet());
		if (drain.getCheckInterval().isNegative() || drain.getCheckInterval().isZero()) {
			throw invalid("zdt.drain.check-interval", drain.getCheckInterval(), "must be positive, e.g. 100ms");
		}
		if (drain.getMinHold().compareTo(drain.getMaxHold()) > 0) {
			throw invalid("zdt.drain.min-hold", drain.getMinHold(),
					"must not be longer than zdt.drain.max-hold (" + drain.getMaxHold() + ")");
		}
		if (drain.getStrategy() == ZdtProperties.Strategy.FIXED && drain.getDelay().compareTo(drain.getMaxHold()) > 0) {
			throw invalid("zdt.drain.delay", drain.getDelay(), "must not be longer than zdt.drain.max-hold ("
					+ drain.getMaxHold() + "), which would cut it short");
		}
		double probability = drain.getAdaptive().getFalseReleaseProbability();
		if (!(probability > 0 && probability < 1)) {
			throw invalid("zdt.drain.adaptive.false-release-probability", probability,
					"must be between 0 and 1 exclusive, e.g. 1e-6");
		}
		Duration grace = properties.getTerminationGracePeriod();
		if (grace != null && (grace.isNegative() || grace.isZero())) {
			throw invalid("zdt.termination-grace-period", grace,
					"must be positive: the pod's terminationGracePeriodSeconds");
		}
		DrainTokenRules.validate(drain.getToken());
		Duration cancelAfter = drain.getCancelAfter();
		if (cancelAfter.isNegative() || (!cancelAfter.isZero() && cancelAfter.compareTo(Duration.ofSeconds(1)) < 0)) {
			throw invalid("zdt.drain.cancel-after", cancelAfter,
					"must be at least 1s so that it never races kubelet's SIGTERM after preStop (default 5m), or 0 to "
							+ "never undo a drain");
		}
	}

	private static void requireNotNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw invalid(name, value, "must not be negative");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

}
