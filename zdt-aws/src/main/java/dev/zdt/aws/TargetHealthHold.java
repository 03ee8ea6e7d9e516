package dev.zdt.aws;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import dev.zdt.aws.TargetHealthPoller.Observation;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import org.jspecify.annotations.Nullable;

/**
 * One hold of the {@link TargetHealthStrategy}: asks the poller for a poll every poll
 * interval, decides only on the answers to its own polls, and releases the propagation
 * margin after the first that shows the load balancer has let go. Asked by one thread,
 * the hold's; only {@link #letGoSeenAt()}, {@link #drainingSeenAt()} and
 * {@link #evidence(HoldContext)} are read from others.
 */
final class TargetHealthHold implements HoldEvaluator {

	private final TargetHealthPoller poller;

	private final Duration pollInterval;

	private final Duration propagationMargin;

	private final Logger logger;

	private final Consumer<TargetHealthHold> onFirstEvaluation;

	private boolean evaluated;

	private long firstPoll = -1;

	private @Nullable Duration lastPollAt;

	private String releaseReason = TargetHealthStrategy.DRAINING;

	private volatile @Nullable Duration letGoSeenAt;

	private volatile @Nullable Duration drainingSeenAt;

	TargetHealthHold(TargetHealthPoller poller, Duration pollInterval, Duration propagationMargin, Logger logger,
			Consumer<TargetHealthHold> onFirstEvaluation) {
		this.poller = poller;
		this.pollInterval = pollInterval;
		this.propagationMargin = propagationMargin;
		this.logger = logger;
		this.onFirstEvaluation = onFirstEvaluation;
	}

	@Override
	public HoldDecision evaluate(HoldContext context) {
		try {
			return decide(context.elapsed());
		}
		catch (RuntimeException ex) {
			this.poller.report("Evaluating the target health", Fault.of(ex));
			return HoldDecision.keepHolding();
		}
	}

	private HoldDecision decide(Duration elapsed) {
		if (!this.evaluated) {
			this.evaluated = true;
			this.onFirstEvaluation.accept(this);
		}
		Duration letGoAt = this.letGoSeenAt;
		if (letGoAt == null) {
			pollIfDue(elapsed);
			Observation observation = this.poller.latest();
			if (observation != null && this.firstPoll >= 0 && observation.poll() >= this.firstPoll
					&& observation.isLetGo()) {
				letGoAt = elapsed;
				this.releaseReason = observation.reason();
				this.drainingSeenAt = TargetHealthStrategy.DRAINING.equals(observation.reason()) ? elapsed : null;
				this.letGoSeenAt = elapsed;
				this.logger.log(Level.INFO,
						() -> "zdt: the load balancer has let go of this target: " + observation.states()
								+ "; the hold ends after the propagation margin of " + this.propagationMargin
								+ " (combined with the traffic: sooner once every source is quiet, later while"
								+ " one still sends)");
			}
		}
		return (letGoAt != null && elapsed.compareTo(letGoAt.plus(this.propagationMargin)) >= 0)
				? HoldDecision.release(this.releaseReason) : HoldDecision.keepHolding();
	}

	private void pollIfDue(Duration elapsed) {
		if (this.lastPollAt != null && elapsed.minus(this.lastPollAt).compareTo(this.pollInterval) < 0) {
			return;
		}
		long poll = this.poller.poll();
		if (poll >= 0) {
			this.lastPollAt = elapsed;
			if (this.firstPoll < 0) {
				this.firstPoll = poll;
			}
		}
	}

	@Override
	public @Nullable Duration letGoSeenAt() {
		return this.letGoSeenAt;
	}

	@Override
	public Map<String, Object> evidence(HoldContext context) {
		Duration letGoAt = this.letGoSeenAt;
		return (letGoAt != null) ? Map.of("propagationMarginEndsAtMs", letGoAt.plus(this.propagationMargin).toMillis())
				: Map.of();
	}

	/**
	 * Returns when this hold saw the load balancer draining the target in every target
	 * group.
	 * @return the time since the start of the hold, or {@code null} when not seen
	 * draining
	 */
	@Nullable Duration drainingSeenAt() {
		return this.drainingSeenAt;
	}

}
