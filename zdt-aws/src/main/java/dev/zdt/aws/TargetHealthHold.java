package dev.zdt.aws;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.zdt.aws.TargetHealthPoller.Observation;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import org.jspecify.annotations.Nullable;

/**
 * One hold of the {@link TargetHealthStrategy}: asks the poller for polls on the schedule
 * of its {@link PollRules}, decides only on the answers to its own polls, and releases
 * the propagation margin after the first that shows the load balancer has let go (the
 * combination with the traffic may end the hold sooner, or later, see
 * {@link dev.zdt.core.hold.HoldStrategies#preferring}). It stops asking after the most
 * polls a hold may make, or once the ELBv2 API has throttled its polls a number of times
 * in a row: the API is then taken as not answering, and the decision is left to the
 * strategies this one is combined with and to the maximum hold. Until then a throttled
 * poll is only a later poll; this hold never releases without the load balancer's word.
 * Asked by one thread, the hold's; only {@link #letGoSeenAt()},
 * {@link #drainingSeenAt()}, {@link #evidence(HoldContext)} and {@link #details()} are
 * read from others.
 */
final class TargetHealthHold implements HoldEvaluator {

	private static final Duration MIN_SILENCE_TO_ASK = Duration.ofMillis(500);

	private final TargetHealthPoller poller;

	private final PollRules rules;

	private final Duration propagationMargin;

	private final Logger logger;

	private final Consumer<TargetHealthHold> onFirstEvaluation;

	private boolean evaluated;

	private long firstPoll = -1;

	private long lastPoll = -1;

	private long lastPollCounted = -1;

	private int polls;

	private int throttledInARow;

	private @Nullable Duration nextPollAt;

	private @Nullable Duration lastPollAt;

	private volatile @Nullable String stoppedAsking;

	private volatile long callsAtStart;

	private volatile long throttledAtStart;

	private String releaseReason = TargetHealthStrategy.DRAINING;

	private volatile @Nullable Duration letGoSeenAt;

	private volatile @Nullable Duration drainingSeenAt;

	TargetHealthHold(TargetHealthPoller poller, PollRules rules, Duration propagationMargin, Logger logger,
			Consumer<TargetHealthHold> onFirstEvaluation) {
		this.poller = poller;
		this.rules = rules;
		this.propagationMargin = propagationMargin;
		this.logger = logger;
		this.onFirstEvaluation = onFirstEvaluation;
	}

	@Override
	public HoldDecision evaluate(HoldContext context) {
		try {
			return decide(context);
		}
		catch (RuntimeException ex) {
			this.poller.report("Evaluating the target health", Fault.of(ex));
			return HoldDecision.keepHolding();
		}
	}

	private HoldDecision decide(HoldContext context) {
		Duration elapsed = context.elapsed();
		if (!this.evaluated) {
			this.evaluated = true;
			this.callsAtStart = this.poller.calls();
			this.throttledAtStart = this.poller.throttledCalls();
			this.onFirstEvaluation.accept(this);
		}
		Duration letGoAt = this.letGoSeenAt;
		if (letGoAt == null) {
			pollIfDue(context);
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

	private void pollIfDue(HoldContext context) {
		Duration elapsed = context.elapsed();
		if (this.stoppedAsking != null || !countLastPoll()) {
			return;
		}
		if (this.throttledInARow >= this.rules.throttleRetries()) {
			stopAsking("the ELBv2 API throttled " + this.throttledInARow + " polls in a row");
			return;
		}
		if (this.nextPollAt == null) {
			this.nextPollAt = this.rules.jittered(firstPollDelay());
		}
		if (elapsed.compareTo(this.nextPollAt) < 0 && !silenceBeganSinceTheLastPoll(context)) {
			return;
		}
		if (this.polls >= this.rules.maxPollsPerHold()) {
			stopAsking("this hold made the most polls a hold may make (" + this.polls + ")");
			return;
		}
		long poll = this.poller.poll();
		if (poll >= 0) {
			this.polls++;
			this.lastPoll = poll;
			this.lastPollAt = elapsed;
			this.nextPollAt = elapsed.plus(this.rules.jittered(this.rules.pollInterval()));
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
	 * Whether the traffic fell silent after the last poll, for longer than the rate
	 * before the drain makes likely (a chance under 1 in 1,000) and at least half a
	 * second: the first sign that the load balancer has let go. Asking then, not at the
	 * next scheduled poll, keeps its answer from lagging the traffic by up to a poll
	 * interval. At most one such poll per silence, none within half a poll interval of
	 * the last, and all within the most polls a hold may make.
	 */
	private boolean silenceBeganSinceTheLastPoll(HoldContext context) {
		double rate = context.rateBeforeDrain();
		if (!(rate > 0)) {
			return false;
		}
		Duration unlikely = Duration.ofNanos((long) (Math.log(1000) / rate * 1e9));
		Duration silence = context.quietFor();
		if (silence.compareTo(MIN_SILENCE_TO_ASK) < 0 || silence.compareTo(unlikely) < 0) {
			return false;
		}
		Duration lastPollAt = this.lastPollAt;
		if (lastPollAt == null) {
			return true;
		}
		Duration silenceBegan = context.elapsed().minus(silence);
		return silenceBegan.compareTo(lastPollAt) > 0
				&& context.elapsed().minus(lastPollAt).compareTo(this.rules.pollInterval().dividedBy(2)) >= 0;
	}

	/**
	 * Counts whether this hold's last poll was throttled, once it is over.
	 * @return {@code false} while it is under way
	 */
	private boolean countLastPoll() {
		if (this.lastPoll < 0 || this.lastPoll == this.lastPollCounted) {
			return true;
		}
		if (!this.poller.isOver(this.lastPoll)) {
			return false;
		}
		this.lastPollCounted = this.lastPoll;
		this.throttledInARow = this.poller.wasThrottled(this.lastPoll) ? this.throttledInARow + 1 : 0;
		return true;
	}

	/**
	 * The first poll waits until the load balancer can plausibly report the target
	 * draining, but no longer than half the deregistration delay when known: after the
	 * delay the target is no longer registered, which a first poll cannot tell from a
	 * target the load balancer never routed to.
	 */
	private Duration firstPollDelay() {
		Duration delay = this.rules.firstPollDelay();
		Duration deregistrationDelay = this.poller.deregistrationDelay(Duration.ZERO);
		if (deregistrationDelay != null && deregistrationDelay.dividedBy(2).compareTo(delay) < 0) {
			return deregistrationDelay.dividedBy(2);
		}
		return delay;
	}

	/**
	 * Returns whether this hold stopped asking the load balancer.
	 * @return {@code true} once it has
	 */
	boolean hasStoppedAsking() {
		return this.stoppedAsking != null;
	}

	private void stopAsking(String why) {
		this.stoppedAsking = why;
		this.logger.log(Level.INFO, () -> "zdt: this hold stops asking the load balancer: " + why
				+ "; the drain falls back on the other hold strategies and the maximum hold");
	}

	/**
	 * Returns what this hold did, for the status endpoint: its polls, the ELBv2 calls and
	 * throttled calls of this process since it started, and why it stopped asking.
	 * @return the details
	 */
	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("holdPolls", this.polls);
		details.put("holdCalls", this.poller.calls() - this.callsAtStart);
		details.put("holdThrottledCalls", this.poller.throttledCalls() - this.throttledAtStart);
		String stopped = this.stoppedAsking;
		if (stopped != null) {
			details.put("holdStoppedAsking", stopped);
		}
		return details;
	}

	/**
	 * Returns how many ELBv2 calls this process made since this hold started.
	 * @return the count
	 */
	long calls() {
		return this.poller.calls() - this.callsAtStart;
	}

	/**
	 * Returns how many ELBv2 calls of this process were throttled since this hold
	 * started.
	 * @return the count
	 */
	long throttledCalls() {
		return this.poller.throttledCalls() - this.throttledAtStart;
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
