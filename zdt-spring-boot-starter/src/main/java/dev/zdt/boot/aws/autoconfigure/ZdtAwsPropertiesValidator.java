package dev.zdt.boot.aws.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.zdt.aws.IpAddress;
import dev.zdt.boot.autoconfigure.DurationProperties;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Fails startup on {@code zdt.aws.*} values that cannot work, naming the property and the
 * fix. Runs once, when {@link ZdtAwsProperties} has been bound.
 */
final class ZdtAwsPropertiesValidator {

	private static final Pattern TARGET_GROUP_ARN = Pattern
		.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]+/[0-9a-f]+");

	private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d+");

	private ZdtAwsPropertiesValidator() {
	}

	static void validate(ZdtAwsProperties properties) {
		DurationProperties.requireWithinLimit("zdt.aws.poll-interval", properties.getPollInterval());
		DurationProperties.requireWithinLimit("zdt.aws.propagation-margin", properties.getPropagationMargin());
		DurationProperties.requireWithinLimit("zdt.aws.first-poll-delay", properties.getFirstPollDelay());
		DurationProperties.requireWithinLimit("zdt.aws.api-call-timeout", properties.getApiCallTimeout());
		DurationProperties.requireWithinLimit("zdt.aws.api-call-attempt-timeout",
				properties.getApiCallAttemptTimeout());
		requirePositive("zdt.aws.poll-interval", properties.getPollInterval(), "2s");
		requirePositive("zdt.aws.api-call-timeout", properties.getApiCallTimeout(), "2s");
		requirePositive("zdt.aws.api-call-attempt-timeout", properties.getApiCallAttemptTimeout(), "1s");
		if (properties.getApiCallAttemptTimeout().compareTo(properties.getApiCallTimeout()) > 0) {
			throw invalid("zdt.aws.api-call-attempt-timeout", properties.getApiCallAttemptTimeout(),
					"must not be longer than zdt.aws.api-call-timeout (" + properties.getApiCallTimeout() + ")");
		}
		if (properties.getFirstPollDelay().isNegative()) {
			throw invalid("zdt.aws.first-poll-delay", properties.getFirstPollDelay(),
					"must not be negative, e.g. 3s (0s asks at once)");
		}
		if (properties.getMaxPollsPerHold() < 1) {
			throw invalid("zdt.aws.max-polls-per-hold", properties.getMaxPollsPerHold(), "must be at least 1, e.g. 12");
		}
		if (properties.getThrottleRetries() < 1) {
			throw invalid("zdt.aws.throttle-retries", properties.getThrottleRetries(), "must be at least 1, e.g. 2");
		}
		if (properties.getPropagationMargin().isNegative()) {
			throw invalid("zdt.aws.propagation-margin", properties.getPropagationMargin(),
					"must not be negative, e.g. 5s");
		}
		Integer port = properties.getTargetPort();
		if (port != null && (port < 1 || port > 65535)) {
			throw invalid("zdt.aws.target-port", port, "must be a port number between 1 and 65535");
		}
		String ip = properties.getTargetIp();
		if (ip != null && !ip.isBlank() && IpAddress.parse(ip).isEmpty()) {
			throw invalid("zdt.aws.target-ip", ip,
					"must be an IP address without a port, such as the pod's IP 10.0.12.34 or 2001:db8::1234");
		}
		for (int i = 0; i < properties.getTargetGroupArns().size(); i++) {
			String arn = properties.getTargetGroupArns().get(i);
			if (arn == null || !TARGET_GROUP_ARN.matcher(arn.trim()).matches()) {
				throw invalid("zdt.aws.target-group-arns[" + i + "]", arn, "must be a target group ARN, such as "
						+ "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067");
			}
		}
		String region = properties.getRegion();
		if (region != null && !REGION.matcher(region).matches()) {
			throw invalid("zdt.aws.region", region, "must be an AWS region code, such as eu-west-1");
		}
		URI endpoint = properties.getEndpoint();
		if (endpoint != null && (!endpoint.isAbsolute() || endpoint.getHost() == null
				|| !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme())))) {
			throw invalid("zdt.aws.endpoint", endpoint,
					"must be an absolute http(s) URL, such as https://elasticloadbalancing.eu-west-1.amazonaws.com");
		}
	}

	private static void requirePositive(String name, Duration value, String example) {
		if (value.isNegative() || value.isZero()) {
			throw invalid(name, value, "must be positive, e.g. " + example);
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

}
