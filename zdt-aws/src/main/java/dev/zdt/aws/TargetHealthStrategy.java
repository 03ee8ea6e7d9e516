package dev.zdt.aws;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldStrategy;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Releases the hold once the Application Load Balancer reports this instance's target
 * {@code draining} (or {@code unused}, or not registered, after this process saw it in service
 * there) in every one of its target groups, plus a propagation margin: ALB nodes keep routing
 * for a few seconds after the state flips. A target that a target group never had in service
 * is a permanent fault (a wrong IP address, port or target group), never a release.
 * <p>
 * The first {@code DescribeTargetHealth} round goes out at the first evaluation, then one every
 * poll interval, on a background thread, so that {@link #evaluate(HoldContext)} always answers
 * at once. Every fault (throttling, server errors, time-outs, access denied, unknown target
 * group, no credentials, no Kubernetes API) is logged once with its fix and makes this strategy
 * keep holding, leaving the decision to the strategies it is combined with and to the maximum
 * hold; it never throws.
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

	private final TargetHealthReader reader;

	private final TargetGroupSource source;

	private final @Nullable String targetIp;

	private final IntSupplier targetPort;

	private final Duration pollInterval;

	private final Duration propagationMargin;

	private final Executor executor;

	private final @Nullable ExecutorService ownExecutor;

	private final Logger logger;

	private final FaultLog faults;

	private final LetGoEvidence evidence = new LetGoEvidence();

	private final AtomicBoolean polling = new AtomicBoolean();

	private final AtomicInteger holds = new AtomicInteger();

	private volatile @Nullable Target target;

	private volatile boolean gaveUp;

	private volatile @Nullable Duration deregistrationDelay;

	private volatile boolean deregistrationDelayRead;

	private volatile @Nullable Observation latest;

	private volatile @Nullable CompletableFuture<Void> preparation;

	private volatile @Nullable Duration drainingSeenAt;

	// Only touched by the thread that evaluates the hold.
	private @Nullable Duration lastElapsed;

	private @Nullable Duration lastPollAt;

	private @Nullable Duration releaseAt;

	private String releaseReason = DRAINING;

	private TargetHealthStrategy(Builder builder) {
		this.reader = new TargetHealthReader(builder.client, builder.callTimeout, builder.attemptTimeout,
				builder.logger);
		this.source = builder.source;
		this.targetIp = builder.targetIp;
		this.targetPort = builder.targetPort;
		this.pollInterval = builder.pollInterval;
		this.propagationMargin = builder.propagationMargin;
		this.logger = builder.logger;
		this.faults = new FaultLog(builder.logger);
		if (builder.executor != null) {
			this.executor = builder.executor;
			this.ownExecutor = null;
		}
		else {
			ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "zdt-aws-target-health");
				thread.setDaemon(true);
				return thread;
			});
			this.executor = executor;
			this.ownExecutor = executor;
		}
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
	public HoldDecision evaluate(HoldContext context) {
		try {
			return decide(context.elapsed());
		}
		catch (RuntimeException ex) {
			this.faults.report("Evaluating the target health", Fault.of(ex));
			return HoldDecision.keepHolding();
		}
	}

	private HoldDecision decide(Duration elapsed) {
		if (this.lastElapsed != null && elapsed.compareTo(this.lastElapsed) < 0) {
			startAnotherHold();
		}
		this.lastElapsed = elapsed;
		if (this.releaseAt == null) {
			pollIfDue(elapsed);
			Observation observation = this.latest;
			if (observation != null && observation.hold() == this.holds.get() && observation.isLetGo()) {
				this.releaseAt = elapsed.plus(this.propagationMargin);
				this.releaseReason = observation.reason();
				this.drainingSeenAt = DRAINING.equals(observation.reason()) ? elapsed : null;
				this.logger.log(Level.INFO, () -> "zdt: the load balancer has let go of this target: "
						+ observation.states() + "; the hold ends after the propagation margin of "
						+ this.propagationMargin);
			}
		}
		return (this.releaseAt != null && elapsed.compareTo(this.releaseAt) >= 0)
				? HoldDecision.release(this.releaseReason) : HoldDecision.keepHolding();
	}

	private void startAnotherHold() {
		this.holds.incrementAndGet();
		this.lastPollAt = null;
		this.releaseAt = null;
		this.drainingSeenAt = null;
	}

	private void pollIfDue(Duration elapsed) {
		boolean due = this.lastPollAt == null || elapsed.minus(this.lastPollAt).compareTo(this.pollInterval) >= 0;
		if (this.gaveUp || !due || !this.polling.compareAndSet(false, true)) {
			return;
		}
		this.lastPollAt = elapsed;
		int hold = this.holds.get();
		if (!submit(() -> poll(hold))) {
			this.polling.set(false);
		}
	}

	private void poll(int hold) {
		try {
			Target target = resolveTarget();
			int port = port();
			Map<String, TargetState> states = this.reader.states(target.targetGroups(), target.ip(), port);
			this.evidence.check(states, target.address(port));
			this.latest = new Observation(hold, states);
			this.faults.recovered();
			if (this.preparation != null && !this.deregistrationDelayRead) {
				// What a transient fault kept the preparation from reading.
				readDeregistrationDelay(target);
			}
		}
		catch (Exception ex) {
			fault("Reading the target health", ex, true);
		}
		finally {
			this.polling.set(false);
		}
	}

	/**
	 * Finds the target groups and reads their deregistration delay, in the background. Call it
	 * once at startup; later calls do nothing.
	 */
	public void prepare() {
		CompletableFuture<Void> preparation;
		synchronized (this) {
			if (this.preparation != null) {
				return;
			}
			preparation = new CompletableFuture<>();
			this.preparation = preparation;
		}
		if (!submit(() -> prepare(preparation))) {
			preparation.complete(null);
		}
	}

	private void prepare(CompletableFuture<Void> preparation) {
		try {
			Target target;
			try {
				target = resolveTarget();
			}
			catch (Exception ex) {
				fault("Finding the target groups", ex, true);
				return;
			}
			readDeregistrationDelay(target);
			this.logger.log(Level.INFO, () -> "zdt: the hold asks the load balancer about target " + target.ip()
					+ " in " + target.targetGroups() + " (deregistration delay " + this.deregistrationDelay + ")");
		}
		finally {
			preparation.complete(null);
		}
	}

	private void readDeregistrationDelay(Target target) {
		try {
			this.deregistrationDelay = this.reader.deregistrationDelay(target.targetGroups());
			this.deregistrationDelayRead = true;
		}
		catch (Exception ex) {
			Fault fault = Fault.of(ex);
			this.deregistrationDelayRead = fault.permanent();
			// A missing deregistration delay is no reason to stop asking for the target health.
			fault("Reading the deregistration delay", ex, false);
		}
	}

	private Target resolveTarget() throws DiscoveryException {
		Target target = this.target;
		if (target != null) {
			return target;
		}
		TargetGroups targetGroups = this.source.targetGroups();
		String ip = (this.targetIp != null) ? this.targetIp : targetGroups.podIp();
		if (ip == null || ip.isBlank()) {
			throw new DiscoveryException("the IP address of this pod is unknown",
					"set the POD_IP environment variable from the downward API (fieldRef status.podIP) "
							+ "or zdt.aws.target-ip",
					true, null);
		}
		IpAddress address = IpAddress.parse(ip)
			.orElseThrow(() -> new DiscoveryException("the target IP address '" + ip + "' is not an IP address",
					"set zdt.aws.target-ip (or POD_IP) to this pod's IP address", true, null));
		if (targetGroups.arns().isEmpty()) {
			throw new DiscoveryException("no target group is known for this pod",
					"set zdt.aws.target-group-arns or enable the readiness gate injection of the AWS Load Balancer "
							+ "Controller (or of EKS Auto Mode)",
					true, null);
		}
		target = new Target(targetGroups.arns(), address);
		this.target = target;
		return target;
	}

	private void fault(String operation, Exception ex, boolean stopsPollingWhenPermanent) {
		Fault fault = Fault.of(ex);
		if (fault.permanent() && stopsPollingWhenPermanent) {
			this.gaveUp = true;
		}
		this.faults.report(operation, fault);
	}

	private boolean submit(Runnable task) {
		try {
			this.executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.faults.report("Scheduling a target health check", Fault.of(ex));
			return false;
		}
	}

	/**
	 * Returns the longest deregistration delay of the target groups, waiting at most the given
	 * time for {@link #prepare()} to read it.
	 * @param wait how long to wait at most
	 * @return the delay, or {@code null} when unknown
	 */
	public @Nullable Duration deregistrationDelay(Duration wait) {
		CompletableFuture<Void> preparation = this.preparation;
		if (preparation != null) {
			try {
				preparation.get(wait.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (TimeoutException | ExecutionException ex) {
				// Unknown for now.
			}
		}
		return this.deregistrationDelay;
	}

	/**
	 * Returns when, in the current or last hold, this strategy saw the load balancer draining
	 * the target in every target group: the deregistration delay runs from no earlier than
	 * that.
	 * @return the time since the start of the hold ({@link HoldContext#elapsed()}), or
	 * {@code null} when the target was not seen draining
	 */
	public @Nullable Duration drainingSeenAt() {
		return this.drainingSeenAt;
	}

	/**
	 * Returns what this strategy knows, for the status endpoint: target, target groups and
	 * their last reported states, deregistration delay, last fault.
	 * @return the details
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("strategy", NAME);
		Target target = this.target;
		if (target != null) {
			details.put("target", target.address(port()));
			details.put("targetGroups", target.targetGroups());
		}
		Duration delay = this.deregistrationDelay;
		if (delay != null) {
			details.put("deregistrationDelayMs", delay.toMillis());
		}
		Observation observation = this.latest;
		if (observation != null) {
			Map<String, String> states = new LinkedHashMap<>();
			observation.states().forEach((arn, state) -> states.put(arn, state.toString()));
			details.put("targetStates", states);
		}
		Fault fault = this.faults.last();
		if (fault != null) {
			details.put("fault", fault.toString());
		}
		details.put("active", !this.gaveUp);
		return details;
	}

	/**
	 * Returns whether a permanent fault made this strategy stop asking the load balancer.
	 * @return {@code true} once it has given up
	 */
	public boolean hasGivenUp() {
		return this.gaveUp;
	}

	/**
	 * Stops the background thread, if this strategy started one.
	 */
	@Override
	public void close() {
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
		}
	}

	private int port() {
		int port = this.targetPort.getAsInt();
		if (port < 1 || port > 65535) {
			throw new IllegalStateException("the target port is unknown (" + port + "): set zdt.aws.target-port");
		}
		return port;
	}

	private record Target(List<String> targetGroups, IpAddress ip) {

		String address(int port) {
			return (this.ip.isIpv6() ? "[" + this.ip + "]" : this.ip) + ":" + port;
		}

	}

	private record Observation(int hold, Map<String, TargetState> states) {

		boolean isLetGo() {
			return !this.states.isEmpty() && this.states.values().stream().allMatch(TargetState::isLetGo);
		}

		String reason() {
			return this.states.values().stream().anyMatch(TargetState::isDraining) ? DRAINING : DEREGISTERED;
		}

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
		 * Sets the time-outs of one ELBv2 call, retries included, and of one attempt. Default
		 * to 2 seconds and 1 second.
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
		 * Sets the executor of the background calls; by default, or when {@code null}, a daemon
		 * thread of its own, which {@link TargetHealthStrategy#close()} stops.
		 * @param executor the executor, or {@code null}
		 * @return this builder
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Sets the logger; defaults to the one named after {@link TargetHealthStrategy}.
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
