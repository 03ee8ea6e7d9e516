package dev.zdt.aws;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Asks the load balancer about this instance's target, one {@code DescribeTargetHealth}
 * round at a time, on a background thread, and keeps the latest answer for the holds to
 * decide on. Every fault is reported once through the {@link FaultLog}; a permanent one
 * makes it give up. It knows nothing of holds: each poll is numbered, so that a hold can
 * tell the answers to its own polls from older ones.
 * <p>
 * The fields that change are guarded by this poller's monitor, held only for a moment and
 * never during a call to AWS or Kubernetes.
 */
final class TargetHealthPoller implements AutoCloseable {

	private final TargetHealthReader reader;

	private final TargetResolver target;

	private final Executor executor;

	private final @Nullable ExecutorService ownExecutor;

	private final Logger logger;

	private final FaultLog faults;

	private final LetGoEvidence letGo = new LetGoEvidence();

	private final DeregistrationDelay deregistrationDelay;

	private final ThrottleBackoff backoff;

	private long polls;

	private long lastThrottledPoll = -1;

	private boolean polling;

	private boolean gaveUp;

	private @Nullable Observation latest;

	TargetHealthPoller(TargetHealthReader reader, TargetResolver target, @Nullable Executor executor,
			ThrottleBackoff backoff, Logger logger) {
		this.reader = reader;
		this.backoff = backoff;
		this.target = target;
		this.logger = logger;
		this.faults = new FaultLog(logger);
		this.deregistrationDelay = new DeregistrationDelay(reader, this.faults);
		if (executor != null) {
			this.executor = executor;
			this.ownExecutor = null;
		}
		else {
			ExecutorService own = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "zdt-aws-target-health");
				thread.setDaemon(true);
				return thread;
			});
			this.executor = own;
			this.ownExecutor = own;
		}
	}

	/**
	 * Starts a poll, unless one is under way, this poller has given up, or it backs off
	 * after {@code Throttling}.
	 * @return the number of the poll asked for, or {@code -1} when none was
	 */
	long poll() {
		long number;
		synchronized (this) {
			if (this.gaveUp || this.polling || !this.backoff.allowsCall()) {
				return -1;
			}
			this.polling = true;
			number = ++this.polls;
		}
		if (!submit(() -> poll(number))) {
			synchronized (this) {
				this.polling = false;
			}
		}
		return number;
	}

	private void poll(long number) {
		try {
			Target target = this.target.resolve();
			int port = this.target.port();
			Map<String, TargetState> states = this.reader.states(target.targetGroups(), target.ip(), port);
			this.letGo.check(states, target.address(port));
			synchronized (this) {
				this.latest = new Observation(number, states);
			}
			this.backoff.answered();
			this.faults.recovered();
			if (this.deregistrationDelay.missed()) {
				this.deregistrationDelay.read(target);
			}
		}
		catch (Exception ex) {
			if (fault("Reading the target health", ex).isThrottling()) {
				this.backoff.throttled();
				synchronized (this) {
					this.lastThrottledPoll = number;
				}
			}
		}
		finally {
			synchronized (this) {
				this.polling = false;
			}
		}
	}

	/**
	 * Returns whether the given poll was throttled.
	 * @param poll the number of the poll
	 * @return {@code true} when the API answered it {@code Throttling}
	 */
	synchronized boolean wasThrottled(long poll) {
		return this.lastThrottledPoll == poll;
	}

	/**
	 * Returns whether the given poll is over, answered or not.
	 * @param poll the number of the poll
	 * @return {@code true} once it has ended
	 */
	synchronized boolean isOver(long poll) {
		return poll < this.polls || !this.polling;
	}

	/**
	 * Returns how many ELBv2 calls this process has made to read target health and target
	 * group attributes.
	 * @return the count
	 */
	long calls() {
		return this.reader.calls();
	}

	/**
	 * Returns how many of them the API throttled.
	 * @return the count
	 */
	long throttledCalls() {
		return this.reader.throttled();
	}

	/**
	 * Returns the answer of the latest poll that succeeded.
	 * @return the observation, or {@code null} before the first
	 */
	synchronized @Nullable Observation latest() {
		return this.latest;
	}

	/**
	 * Finds the target groups and reads their deregistration delay, in the background,
	 * once.
	 */
	void prepare() {
		CompletableFuture<Void> preparation = this.deregistrationDelay.beginPreparation();
		if (preparation != null && !submit(() -> prepare(preparation))) {
			preparation.complete(null);
		}
	}

	private void prepare(CompletableFuture<Void> preparation) {
		try {
			Target target;
			try {
				target = this.target.resolve();
			}
			catch (Exception ex) {
				fault("Finding the target groups", ex);
				return;
			}
			this.deregistrationDelay.read(target);
			this.logger.log(Level.INFO,
					() -> "zdt: the hold asks the load balancer about target " + target.ip() + " in "
							+ target.targetGroups() + " (deregistration delay " + this.deregistrationDelay.known()
							+ ")");
		}
		finally {
			preparation.complete(null);
		}
	}

	@Nullable Duration deregistrationDelay(Duration wait) {
		return this.deregistrationDelay.await(wait);
	}

	/**
	 * Returns whether the last call failed, other than by being throttled.
	 * @return {@code true} while the last fault is not throttling
	 */
	boolean lastCallFailedOtherThanByThrottling() {
		Fault fault = this.faults.last();
		return fault != null && !fault.isThrottling();
	}

	synchronized boolean hasGivenUp() {
		return this.gaveUp;
	}

	void report(String operation, Fault fault) {
		this.faults.report(operation, fault);
	}

	private Fault fault(String operation, Exception ex) {
		Fault fault = Fault.of(ex);
		if (fault.permanent()) {
			synchronized (this) {
				this.gaveUp = true;
			}
		}
		this.faults.report(operation, fault);
		return fault;
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
	 * Returns what this poller knows: target, target groups and their last reported
	 * states, deregistration delay, last fault, whether it still asks.
	 * @return the details
	 */
	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("strategy", TargetHealthStrategy.NAME);
		Target target = this.target.found();
		if (target != null) {
			details.put("target", target.address(this.target.port()));
			details.put("targetGroups", target.targetGroups());
		}
		Duration delay = this.deregistrationDelay.known();
		if (delay != null) {
			details.put("deregistrationDelayMs", delay.toMillis());
		}
		Observation observation = latest();
		if (observation != null) {
			Map<String, String> states = new LinkedHashMap<>();
			observation.states().forEach((arn, state) -> states.put(arn, state.toString()));
			details.put("targetStates", states);
		}
		Fault fault = this.faults.last();
		if (fault != null) {
			details.put("fault", fault.toString());
		}
		details.put("active", !hasGivenUp());
		details.put("calls", calls());
		details.put("throttledCalls", throttledCalls());
		return details;
	}

	@Override
	public void close() {
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
		}
	}

	/**
	 * What one poll found.
	 *
	 * @param poll the number of the poll
	 * @param states the state of the target by target group ARN
	 */
	record Observation(long poll, Map<String, TargetState> states) {

		boolean isLetGo() {
			return !this.states.isEmpty() && this.states.values().stream().allMatch(TargetState::isLetGo);
		}

		String reason() {
			return this.states.values().stream().anyMatch(TargetState::isDraining) ? TargetHealthStrategy.DRAINING
					: TargetHealthStrategy.DEREGISTERED;
		}

	}

}
