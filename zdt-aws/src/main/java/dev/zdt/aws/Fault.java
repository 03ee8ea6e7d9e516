package dev.zdt.aws;

import java.net.SocketTimeoutException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Why the load balancer's view is not available, what fixes it, and whether asking again
 * can help.
 *
 * @param kind the kind, which is logged once
 * @param message what went wrong
 * @param fix what the user can do about it
 * @param permanent whether asking again cannot help
 */
record Fault(String kind, String message, String fix, boolean permanent) {

	static final String THROTTLED = "throttled";

	static final String IAM_FIX = "allow elasticloadbalancing:DescribeTargetHealth and "
			+ "elasticloadbalancing:DescribeTargetGroupAttributes to the pod's IAM role (see k8s/aws/iam-policy.json)";

	static final String CREDENTIALS_FIX = "give the pod an IAM role: IRSA (annotate the ServiceAccount with "
			+ "eks.amazonaws.com/role-arn) or an EKS Pod Identity association";

	static Fault of(Throwable ex) {
		if (ex instanceof DiscoveryException discovery) {
			return new Fault("discovery", message(discovery), discovery.fix(), discovery.isPermanent());
		}
		AwsServiceException service = find(ex, AwsServiceException.class);
		if (service != null) {
			// What the service answered, even when a time-out or a client error wraps it.
			return ofService(service);
		}
		if (ex instanceof ApiCallTimeoutException || ex instanceof ApiCallAttemptTimeoutException
				|| find(ex, SocketTimeoutException.class) != null) {
			return new Fault("timeout", "the ELBv2 API did not answer in time: " + message(ex),
					"check the network path to the ELBv2 endpoint (NAT gateway or VPC endpoint, zdt.aws.endpoint)",
					false);
		}
		if (ex instanceof SdkClientException && isAboutCredentials(ex)) {
			return new Fault("no-credentials", "no AWS credentials: " + message(ex), CREDENTIALS_FIX, true);
		}
		if (ex instanceof SdkClientException) {
			return new Fault("unreachable", "the ELBv2 API could not be reached: " + message(ex),
					"check the network path to the ELBv2 endpoint (NAT gateway or VPC endpoint, zdt.aws.endpoint)",
					false);
		}
		return new Fault("unexpected", ex.getClass().getName() + ": " + message(ex),
				"report it at the zdt issue tracker", true);
	}

	/**
	 * Returns whether the API refused the call for the account's rate limit.
	 * @return {@code true} for {@code Throttling}
	 */
	boolean isThrottling() {
		return THROTTLED.equals(this.kind);
	}

	private static Fault ofService(AwsServiceException ex) {
		String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
		String message = code + " (HTTP " + ex.statusCode() + "): " + serviceMessage(ex);
		if (ex.isThrottlingException()) {
			return new Fault(THROTTLED, "the ELBv2 API throttled the call, " + message,
					"raise zdt.aws.poll-interval or zdt.aws.first-poll-delay; the AWS Load Balancer Controller shares the "
							+ "account's ELBv2 rate limit (Describe* calls: 40 tokens, 10 per second)",
					false);
		}
		if (ex instanceof TargetGroupNotFoundException) {
			return new Fault("target-group-not-found", "a target group does not exist, " + message,
					"check zdt.aws.target-group-arns (or the TargetGroupBinding) and zdt.aws.region", true);
		}
		if (ex.statusCode() == 401 || ex.statusCode() == 403 || isAccessDenied(code)) {
			return new Fault("access-denied", "the pod's IAM identity may not read target health, " + message, IAM_FIX,
					true);
		}
		if (ex.statusCode() >= 500) {
			return new Fault("service-error", "the ELBv2 API failed, " + message,
					"none needed if it passes; see the AWS Health Dashboard", false);
		}
		return new Fault("rejected", "the ELBv2 API rejected the call, " + message,
				"check zdt.aws.region, zdt.aws.endpoint and zdt.aws.target-group-arns", true);
	}

	private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			for (Throwable suppressed : cause.getSuppressed()) {
				if (type.isInstance(suppressed)) {
					return type.cast(suppressed);
				}
			}
		}
		return null;
	}

	private static boolean isAccessDenied(@Nullable String code) {
		return code != null && (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")
				|| code.equals("InvalidClientTokenId") || code.equals("SignatureDoesNotMatch")
				|| code.equals("ExpiredToken"));
	}

	private static boolean isAboutCredentials(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.toLowerCase(Locale.ROOT).contains("credentials")) {
				return true;
			}
		}
		return false;
	}

	private static String serviceMessage(AwsServiceException ex) {
		String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
		return (message != null) ? message : message(ex);
	}

	private static String message(Throwable ex) {
		String message = ex.getMessage();
		return (message != null) ? message : ex.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return this.kind + ": " + this.message;
	}

}
