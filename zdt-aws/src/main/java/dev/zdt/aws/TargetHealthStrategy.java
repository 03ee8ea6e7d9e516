package dev.zdt.aws;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Releases the hold once the Application Load Balancer reports this instance's target
 * {@code draining} (or {@code unused}, or not registered, after this process saw it in
 * service there) in every one of its target groups, plus a propagation margin: ALB nodes
 * keep routing for a few seconds after the state flips. A target that a target group
 * never had in service is a permanent fault (a wrong IP address, port or target group),
 * never a release. Each hold's evaluator tells when it saw the load balancer let go
 * ({@link HoldEvaluator#letGoSeenAt()}), so that
 * {@link dev.zdt.core.hold.HoldStrategies#preferring} can weigh each source's traffic
 * from then on: end the hold sooner when every source is quiet, or later while one still
 * sends.
 * <p>
 * A poller asks the load balancer on a background thread; each hold
 * ({@link #start(HoldContext)}) asks it for its first {@code DescribeTargetHealth} round
 * once the load balancer can plausibly report the target draining (the first poll delay),
 * then one every poll interval, each spacing jittered by ±50 %, at most a number of polls
 * per hold, and decides only on the answers to its own polls, so that an evaluation
 * always answers at once and a new hold never acts on the last one's answer. The ELBv2
 * API's rate limit is shared by the whole account, the AWS Load Balancer Controller
 * included: after a {@code Throttling} answer no call of this strategy goes out before a
 * full-jitter back-off, and a hold whose polls are throttled a number of times in a row
 * stops asking. Every fault (throttling, server errors, time-outs, access denied, unknown
 * target group, no credentials, no Kubernetes API) is logged once with its fix and makes
 * this strategy keep holding, leaving the decision to the strategies it is combined with
 * and to the maximum hold; it never throws.
 *
 * @since 0.1.0
 */
public final class TargetHealthStrategy implements HoldStrategy, AutoCloseable {

	/** The name of this strategy. */
	public static final String NAME = "aws-target-health";

	/** The release reason when the target is draining in at least one target group. */
	public static final String DRAINING = "target-draining";

	/** The release reason when no target group routes to the target any more. */
	public static final String DEREGISTERED = "target-deregistered";

	private final TargetHealthPoller poller;

	private final PollRules rules;

	private final Duration propagationMargin;

	private final Logger logger;

	// The hold asked last: the one whose drainingSeenAt the in-flight wait counts from.
	private volatile @Nullable TargetHealthHold lastHold;

	TargetHealthStrategy(TargetHealthStrategyBuilder builder) {
		TargetHealthReader reader = new TargetHealthReader(builder.client, builder.callTimeout, builder.attemptTimeout,
				builder.logger);
		TargetResolver target = new TargetResolver(builder.source, builder.targetIp, builder.targetPort);
		ThrottleBackoff backoff = new ThrottleBackoff(builder.pollInterval, builder.ticker, builder.random);
		this.poller = new TargetHealthPoller(reader, target, builder.executor, backoff, builder.logger);
		this.rules = new PollRules(builder.firstPollDelay, builder.pollInterval, builder.maxPollsPerHold,
				builder.throttleRetries, builder.random);
		this.propagationMargin = builder.propagationMargin;
		this.logger = builder.logger;
	}

	/**
	 * Returns a builder for a strategy that uses the given client.
	 * @param client the ELBv2 client
	 * @param targetGroups where the target groups come from
	 * @return the builder
	 */
	public static TargetHealthStrategyBuilder builder(ElasticLoadBalancingV2Client client,
			TargetGroupSource targetGroups) {
		return new TargetHealthStrategyBuilder(client, targetGroups);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public HoldEvaluator start(HoldContext context) {
		return new TargetHealthHold(this.poller, this.rules, this.propagationMargin, this.logger,
				(hold) -> this.lastHold = hold);
	}

	/**
	 * Finds the target groups and reads their deregistration delay, in the background.
	 * Call it once at startup; later calls do nothing.
	 */
	public void prepare() {
		this.poller.prepare();
	}

	/**
	 * Returns the longest deregistration delay of the target groups, waiting at most the
	 * given time for {@link #prepare()} to read it.
	 * @param wait how long to wait at most
	 * @return the delay, or {@code null} when unknown
	 */
	public @Nullable Duration deregistrationDelay(Duration wait) {
		return this.poller.deregistrationDelay(wait);
	}

	/**
	 * Returns when, in the current or last hold, this strategy saw the load balancer
	 * draining the target in every target group: the deregistration delay runs from no
	 * earlier than that.
	 * @return the time since the start of the hold ({@link HoldContext#elapsed()}), or
	 * {@code null} when the target was not seen draining
	 */
	public @Nullable Duration drainingSeenAt() {
		TargetHealthHold hold = this.lastHold;
		return (hold != null) ? hold.drainingSeenAt() : null;
	}

	/**
	 * Returns what this strategy knows, for the status endpoint: target, target groups
	 * and their last reported states, deregistration delay, last fault, the ELBv2 calls
	 * and throttled calls of this process ({@code calls}, {@code throttledCalls}) and of
	 * the current or last hold ({@code holdCalls}, {@code holdThrottledCalls}, with its
	 * polls and why it stopped asking, if it did).
	 * @return the details
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>(this.poller.details());
		TargetHealthHold hold = this.lastHold;
		if (hold != null) {
			details.putAll(hold.details());
		}
		return details;
	}

	/**
	 * Returns how many ELBv2 calls this strategy has made.
	 * @return the count
	 */
	public long calls() {
		return this.poller.calls();
	}

	/**
	 * Returns how many of this strategy's ELBv2 calls the API throttled.
	 * @return the count
	 */
	public long throttledCalls() {
		return this.poller.throttledCalls();
	}

	/**
	 * Returns whether the load balancer answers this strategy now. It does not once a
	 * permanent fault made the strategy give up, once the current hold stopped asking
	 * (after its most polls, or after {@code throttleRetries} throttled polls in a row),
	 * or while the last call failed other than by throttling. A throttled call is an
	 * answer that comes later, after the back-off: a silence in the traffic must not end
	 * the hold before {@code draining} on account of it.
	 * @return whether the load balancer's answer is available
	 */
	public boolean isAnswering() {
		if (hasGivenUp()) {
			return false;
		}
		TargetHealthHold hold = this.lastHold;
		return (hold == null || !hold.hasStoppedAsking()) && !this.poller.lastCallFailedOtherThanByThrottling();
	}

	/**
	 * Returns whether a permanent fault made this strategy stop asking the load balancer.
	 * @return {@code true} once it has given up
	 */
	public boolean hasGivenUp() {
		return this.poller.hasGivenUp();
	}

	/**
	 * Stops the background thread, if this strategy started one.
	 */
	@Override
	public void close() {
		this.poller.close();
	}

}
