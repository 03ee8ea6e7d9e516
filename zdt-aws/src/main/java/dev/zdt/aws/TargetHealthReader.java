package dev.zdt.aws;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads target health and target group attributes with short per-call timeouts and
 * without the SDK's retries, so that one call never blocks for long whatever the client's
 * own configuration: the strategy polls anyway, and retries on top of polling would
 * multiply its calls just when the ELBv2 API throttles them.
 * <p>
 * A pod can be in several target groups under different ports (two Services, or two ports
 * of one Service, behind one shared ALB): a target group that has the pod's IP address
 * under one other port only is asked about that port from then on.
 */
final class TargetHealthReader {

	static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

	private final ElasticLoadBalancingV2Client client;

	private final AwsRequestOverrideConfiguration timeouts;

	private final Logger logger;

	// The port of the target in the target groups that route to it under another port.
	private final Map<String, Integer> otherPorts = new ConcurrentHashMap<>();

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	TargetHealthReader(ElasticLoadBalancingV2Client client, Duration callTimeout, Duration attemptTimeout,
			Logger logger) {
		this.client = client;
		this.logger = logger;
		this.timeouts = AwsRequestOverrideConfiguration.builder()
			.apiCallTimeout(callTimeout)
			.apiCallAttemptTimeout(attemptTimeout)
			.addPlugin(TargetHealthReader::withoutRetries)
			.build();
	}

	private static void withoutRetries(SdkServiceClientConfiguration.Builder configuration) {
		configuration.overrideConfiguration(
				configuration.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
	}

	/**
	 * Returns the state of the target in each target group.
	 * @param arns the target group ARNs
	 * @param ip the target's IP address
	 * @param port the target's port
	 * @return the state by target group ARN, in the order given
	 */
	Map<String, TargetState> states(List<String> arns, IpAddress ip, int port) throws DiscoveryException {
		Map<String, TargetState> states = new LinkedHashMap<>();
		for (String arn : arns) {
			states.put(arn, state(arn, ip, port));
		}
		return states;
	}

	private TargetState state(String arn, IpAddress ip, int configuredPort) throws DiscoveryException {
		int port = this.otherPorts.getOrDefault(arn, configuredPort);
		TargetState state = reportedState(arn, ip, port);
		boolean absent = TargetState.NOT_REGISTERED.equals(state.state()) && state.reason() == null;
		if (absent || "Target.NotRegistered".equals(state.reason())) {
			TargetHealthDescription other = underAnotherPort(arn, ip, port);
			if (other != null) {
				int otherPort = other.target().port();
				if (this.otherPorts.put(arn, otherPort) == null) {
					this.logger.log(Level.INFO,
							() -> "zdt: target group " + arn + " routes to this pod at port " + otherPort
									+ ", not at port " + configuredPort + " (zdt.aws.target-port); zdt asks it "
									+ "about port " + otherPort + " from now on");
				}
				return new TargetState(other.targetHealth().stateAsString(), other.targetHealth().reasonAsString());
			}
		}
		return state;
	}

	/**
	 * Finds the target in the target group under another port, for a target reported as
	 * not registered: asking about a port the target group does not route to would
	 * otherwise end the hold at once. Under several other ports, which one is this
	 * application's is unknown.
	 */
	private @Nullable TargetHealthDescription underAnotherPort(String arn, IpAddress ip, int port)
			throws DiscoveryException {
		List<TargetHealthDescription> registered = counted(() -> this.client
			.describeTargetHealth((request) -> request.overrideConfiguration(this.timeouts).targetGroupArn(arn)))
			.targetHealthDescriptions();
		List<TargetHealthDescription> others = new ArrayList<>();
		for (TargetHealthDescription description : registered) {
			if (description.target() != null && isAddress(description.target().id(), ip)
					&& description.target().port() != null && description.target().port() != port
					&& description.targetHealth() != null) {
				others.add(description);
			}
		}
		if (others.size() > 1) {
			String addresses = others.stream()
				.map((description) -> ip + ":" + description.target().port())
				.collect(Collectors.joining(", "));
			throw new DiscoveryException(
					"target group " + arn + " has this pod as " + addresses + ", not as " + ip + ":" + port
							+ ", and which of them is this application is unknown",
					"set zdt.aws.target-port to the port the load balancer routes to", true, null);
		}
		return others.isEmpty() ? null : others.get(0);
	}

	private TargetState reportedState(String arn, IpAddress ip, int port) {
		DescribeTargetHealthResponse response;
		try {
			response = counted(
					() -> this.client.describeTargetHealth((request) -> request.overrideConfiguration(this.timeouts)
						.targetGroupArn(arn)
						.targets(TargetDescription.builder().id(ip.toString()).port(port).build())));
		}
		catch (InvalidTargetException ex) {
			// The target group has never heard of this IP: not a target the ALB routes
			// to.
			return new TargetState(TargetState.NOT_REGISTERED, "InvalidTarget");
		}
		for (TargetHealthDescription description : response.targetHealthDescriptions()) {
			if (description.target() != null && isAddress(description.target().id(), ip)
					&& (description.target().port() == null || description.target().port() == port)
					&& description.targetHealth() != null) {
				return new TargetState(description.targetHealth().stateAsString(),
						description.targetHealth().reasonAsString());
			}
		}
		return new TargetState(TargetState.NOT_REGISTERED, null);
	}

	private static boolean isAddress(@Nullable String id, IpAddress ip) {
		return id != null && IpAddress.parse(id).filter(ip::equals).isPresent();
	}

	/**
	 * Returns the longest deregistration delay of the given target groups.
	 * @param arns the target group ARNs
	 * @return the delay, or {@code null} when no target group reports one
	 */
	@Nullable Duration deregistrationDelay(List<String> arns) {
		Duration longest = null;
		for (String arn : arns) {
			List<TargetGroupAttribute> attributes = counted(() -> this.client.describeTargetGroupAttributes(
					(request) -> request.overrideConfiguration(this.timeouts).targetGroupArn(arn)))
				.attributes();
			for (TargetGroupAttribute attribute : attributes) {
				if (DEREGISTRATION_DELAY.equals(attribute.key()) && attribute.value() != null) {
					Duration delay = Duration.ofSeconds(Long.parseLong(attribute.value().trim()));
					longest = (longest == null || delay.compareTo(longest) > 0) ? delay : longest;
				}
			}
		}
		return longest;
	}

	/**
	 * Makes one ELBv2 call, counting it, and counting it as throttled when the API
	 * answers {@code Throttling}.
	 */
	private <T> T counted(Supplier<T> call) {
		this.calls.incrementAndGet();
		try {
			return call.get();
		}
		catch (AwsServiceException ex) {
			if (ex.isThrottlingException()) {
				this.throttled.incrementAndGet();
			}
			throw ex;
		}
	}

	/**
	 * Returns how many ELBv2 calls this reader has made.
	 * @return the count
	 */
	long calls() {
		return this.calls.get();
	}

	/**
	 * Returns how many of this reader's ELBv2 calls were throttled.
	 * @return the count
	 */
	long throttled() {
		return this.throttled.get();
	}

}
