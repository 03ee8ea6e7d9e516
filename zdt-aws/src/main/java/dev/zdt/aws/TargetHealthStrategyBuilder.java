package dev.zdt.aws;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

import dev.zdt.core.time.Ticker;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Builds a {@link TargetHealthStrategy}: {@link TargetHealthStrategy#builder}.
 *
 * @since 0.1.0
 */
public final class TargetHealthStrategyBuilder {

	final ElasticLoadBalancingV2Client client;

	final TargetGroupSource source;

	@Nullable String targetIp = System.getenv("POD_IP");

	IntSupplier targetPort = () -> 8080;

	Duration pollInterval = Duration.ofSeconds(2);

	Duration propagationMargin = Duration.ofSeconds(5);

	Duration firstPollDelay = Duration.ofSeconds(3);

	int maxPollsPerHold = 12;

	int throttleRetries = 2;

	Ticker ticker = Ticker.system();

	DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

	Duration callTimeout = Duration.ofSeconds(2);

	Duration attemptTimeout = Duration.ofSeconds(1);

	@Nullable Executor executor;

	Logger logger = System.getLogger(TargetHealthStrategy.class.getName());

	TargetHealthStrategyBuilder(ElasticLoadBalancingV2Client client, TargetGroupSource source) {
		this.client = Objects.requireNonNull(client, "client");
		this.source = Objects.requireNonNull(source, "source");
	}

	/**
	 * Sets the IP address of the target; defaults to the {@code POD_IP} environment
	 * variable, else to the address the target group source finds.
	 * @param targetIp the IP address, or {@code null} to let the source find it
	 * @return this builder
	 */
	public TargetHealthStrategyBuilder targetIp(@Nullable String targetIp) {
		this.targetIp = (targetIp != null && !targetIp.isBlank()) ? targetIp.trim() : null;
		return this;
	}

	/**
	 * Sets the port of the target: the application's port. Defaults to 8080.
	 * @param targetPort the port
	 * @return this builder
	 */
	public TargetHealthStrategyBuilder targetPort(int targetPort) {
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
	public TargetHealthStrategyBuilder targetPort(IntSupplier targetPort) {
		this.targetPort = Objects.requireNonNull(targetPort, "targetPort");
		return this;
	}

	/**
	 * Sets the time between two target health checks. Defaults to 2 seconds.
	 * @param pollInterval the interval
	 * @return this builder
	 */
	public TargetHealthStrategyBuilder pollInterval(Duration pollInterval) {
		this.pollInterval = requirePositive(pollInterval, "poll interval");
		return this;
	}

	/**
	 * Sets how long after the start of a hold its first target health check goes out,
	 * jittered by ±50 %: the load balancer cannot report the target draining before the
	 * AWS Load Balancer Controller has seen the endpoint change and deregistered it, and
	 * a check before that only spends the account's ELBv2 rate limit. Never longer than
	 * half the deregistration delay, when known. Defaults to 3 seconds; zero asks at
	 * once.
	 * @param firstPollDelay the delay
	 * @return this builder
	 */
	public TargetHealthStrategyBuilder firstPollDelay(Duration firstPollDelay) {
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
	public TargetHealthStrategyBuilder maxPollsPerHold(int maxPollsPerHold) {
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
	public TargetHealthStrategyBuilder throttleRetries(int throttleRetries) {
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
	TargetHealthStrategyBuilder ticker(Ticker ticker) {
		this.ticker = Objects.requireNonNull(ticker, "ticker");
		return this;
	}

	/**
	 * Sets the source of jitter, uniform in [0, 1).
	 * @param random the source
	 * @return this builder
	 */
	TargetHealthStrategyBuilder random(DoubleSupplier random) {
		this.random = Objects.requireNonNull(random, "random");
		return this;
	}

	/**
	 * Sets how long to keep holding after the load balancer has let go. Defaults to 5
	 * seconds.
	 * @param propagationMargin the margin
	 * @return this builder
	 */
	public TargetHealthStrategyBuilder propagationMargin(Duration propagationMargin) {
		Objects.requireNonNull(propagationMargin, "propagation margin");
		if (propagationMargin.isNegative()) {
			throw new IllegalArgumentException("propagation margin must not be negative, was " + propagationMargin);
		}
		this.propagationMargin = propagationMargin;
		return this;
	}

	/**
	 * Sets the time-outs of one ELBv2 call, retries included, and of one attempt. Default
	 * to 2 seconds and 1 second.
	 * @param callTimeout the time-out of a call
	 * @param attemptTimeout the time-out of an attempt
	 * @return this builder
	 */
	public TargetHealthStrategyBuilder callTimeouts(Duration callTimeout, Duration attemptTimeout) {
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
	public TargetHealthStrategyBuilder executor(@Nullable Executor executor) {
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
	public TargetHealthStrategyBuilder logger(Logger logger) {
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
