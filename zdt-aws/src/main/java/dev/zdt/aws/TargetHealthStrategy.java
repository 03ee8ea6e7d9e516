package dev.zdt.aws;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.Ticker;
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

	private TargetHealthStrategy(Builder builder) {
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
	public static Builder builder(ElasticLoadBalancingV2Client client, TargetGroupSource targetGroups) {
		return new Builder(client, targetGroups);
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

	/**
	 * Builds a {@link TargetHealthStrategy}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final ElasticLoadBalancingV2Client client;

		private final TargetGroupSource source;

		private @Nullable String targetIp = System.getenv("POD_IP");

		private IntSupplier targetPort = () -> 8080;

		private Duration pollInterval = Duration.ofSeconds(2);

		private Duration propagationMargin = Duration.ofSeconds(5);

		private Duration firstPollDelay = Duration.ofSeconds(3);

		private int maxPollsPerHold = 12;

		private int throttleRetries = 2;

		private Ticker ticker = Ticker.system();

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Duration callTimeout = Duration.ofSeconds(2);

		private Duration attemptTimeout = Duration.ofSeconds(1);

		private @Nullable Executor executor;

		private Logger logger = System.getLogger(TargetHealthStrategy.class.getName());

		private Builder(ElasticLoadBalancingV2Client client, TargetGroupSource source) {
			this.client = Objects.requireNonNull(client, "client");
			this.source = Objects.requireNonNull(source, "source");
		}

		/**
		 * Sets the IP address of the target; defaults to the {@code POD_IP} environment
		 * variable, else to the address the target group source finds.
		 * @param targetIp the IP address, or {@code null} to let the source find it
		 * @return this builder
		 */
		public Builder targetIp(@Nullable String targetIp) {
			this.targetIp = (targetIp != null && !targetIp.isBlank()) ? targetIp.trim() : null;
			return this;
		}

		/**
		 * Sets the port of the target: the application's port. Defaults to 8080.
		 * @param targetPort the port
		 * @return this builder
		 */
		public Builder targetPort(int targetPort) {
			if (targetPort < 1 || targetPort > 65535) {
				throw new IllegalArgumentException("target port must be between 1 and 65535, was " + targetPort);
			}
			this.targetPort = () -> targetPort;
			return this;
		}

		/**
		 * Sets where the port of the target comes from, asked at each check: for an
		 * application port known only once the web server has started.
		 * @param targetPort the port supplier
		 * @return this builder
		 */
		public Builder targetPort(IntSupplier targetPort) {
			this.targetPort = Objects.requireNonNull(targetPort, "targetPort");
			return this;
		}

		/**
		 * Sets the time between two target health checks. Defaults to 2 seconds.
		 * @param pollInterval the interval
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			this.pollInterval = requirePositive(pollInterval, "poll interval");
			return this;
		}

		/**
		 * Sets how long after the start of a hold its first target health check goes out,
		 * jittered by ±50 %: the load balancer cannot report the target draining before
		 * the AWS Load Balancer Controller has seen the endpoint change and deregistered
		 * it, and a check before that only spends the account's ELBv2 rate limit. Never
		 * longer than half the deregistration delay, when known. Defaults to 3 seconds;
		 * zero asks at once.
		 * @param firstPollDelay the delay
		 * @return this builder
		 */
		public Builder firstPollDelay(Duration firstPollDelay) {
			Objects.requireNonNull(firstPollDelay, "first poll delay");
			if (firstPollDelay.isNegative()) {
				throw new IllegalArgumentException("first poll delay must not be negative, was " + firstPollDelay);
			}
			this.firstPollDelay = firstPollDelay;
			return this;
		}

		/**
		 * Sets the most target health checks one hold makes; the hold then leaves the
		 * decision to the other strategies and the maximum hold. Defaults to 12.
		 * @param maxPollsPerHold the most checks, at least 1
		 * @return this builder
		 */
		public Builder maxPollsPerHold(int maxPollsPerHold) {
			if (maxPollsPerHold < 1) {
				throw new IllegalArgumentException("max polls per hold must be at least 1, was " + maxPollsPerHold);
			}
			this.maxPollsPerHold = maxPollsPerHold;
			return this;
		}

		/**
		 * Sets how many target health checks in a row the ELBv2 API may throttle before a
		 * hold takes it as not answering and stops asking. Defaults to 2.
		 * @param throttleRetries the number of throttled checks, at least 1
		 * @return this builder
		 */
		public Builder throttleRetries(int throttleRetries) {
			if (throttleRetries < 1) {
				throw new IllegalArgumentException("throttle retries must be at least 1, was " + throttleRetries);
			}
			this.throttleRetries = throttleRetries;
			return this;
		}

		/**
		 * Sets the clock of the back-off after {@code Throttling}.
		 * @param ticker the ticker
		 * @return this builder
		 */
		Builder ticker(Ticker ticker) {
			this.ticker = Objects.requireNonNull(ticker, "ticker");
			return this;
		}

		/**
		 * Sets the source of jitter, uniform in [0, 1).
		 * @param random the source
		 * @return this builder
		 */
		Builder random(DoubleSupplier random) {
			this.random = Objects.requireNonNull(random, "random");
			return this;
		}

		/**
		 * Sets how long to keep holding after the load balancer has let go. Defaults to 5
		 * seconds.
		 * @param propagationMargin the margin
		 * @return this builder
		 */
		public Builder propagationMargin(Duration propagationMargin) {
			Objects.requireNonNull(propagationMargin, "propagation margin");
			if (propagationMargin.isNegative()) {
				throw new IllegalArgumentException("propagation margin must not be negative, was " + propagationMargin);
			}
			this.propagationMargin = propagationMargin;
			return this;
		}

		/**
		 * Sets the time-outs of one ELBv2 call, retries included, and of one attempt.
		 * Default to 2 seconds and 1 second.
		 * @param callTimeout the time-out of a call
		 * @param attemptTimeout the time-out of an attempt
		 * @return this builder
		 */
		public Builder callTimeouts(Duration callTimeout, Duration attemptTimeout) {
			this.callTimeout = requirePositive(callTimeout, "call timeout");
			this.attemptTimeout = requirePositive(attemptTimeout, "attempt timeout");
			return this;
		}

		/**
		 * Sets the executor of the background calls; by default, or when {@code null}, a
		 * daemon thread of its own, which {@link TargetHealthStrategy#close()} stops.
		 * @param executor the executor, or {@code null}
		 * @return this builder
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Sets the logger; defaults to the one named after {@link TargetHealthStrategy}.
		 * Without a {@link System.LoggerFinder} of its own that logger writes to
		 * {@code java.util.logging}, whose handlers the JVM removes as it begins to shut
		 * down: a hold that shutdown starts may need a logger that lasts longer.
		 * @param logger the logger
		 * @return this builder
		 */
		public Builder logger(Logger logger) {
			this.logger = Objects.requireNonNull(logger, "logger");
			return this;
		}

		/**
		 * Builds the strategy.
		 * @return the strategy
		 */
		public TargetHealthStrategy build() {
			return new TargetHealthStrategy(this);
		}

		private static Duration requirePositive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

	}

}
