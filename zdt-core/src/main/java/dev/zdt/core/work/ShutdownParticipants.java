package dev.zdt.core.work;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.time.Ticker;

/**
 * Drives the {@link ShutdownParticipant participants} from the drain: as a
 * {@link DrainListener} of the coordinator it tells them when the drain starts, when the
 * hold ends and when a drain is cancelled; after the hold, {@link #shutdown} waits for
 * their work within a given time and says what each left unfinished.
 * <p>
 * Each participant is called on threads of its own, its calls in order, so one that
 * throws or does not return neither stops the drain nor delays the others: a failure is
 * logged at WARN, and so, once, is a call that has not returned within {@link #WAIT}.
 * Work left unfinished is logged at WARN with its count.
 *
 * @since 0.2.0
 */
public final class ShutdownParticipants implements DrainListener {

	/** How long a step waits for the participants to return before it reports them. */
	public static final Duration WAIT = Duration.ofMillis(500);

	/** How long past its deadline {@link #shutdown} waits for a participant to return. */
	static final Duration AWAIT_SLACK = Duration.ofMillis(250);

	private final List<ParticipantLane> lanes;

	private final Ticker ticker;

	private final System.Logger logger;

	private final Map<String, Long> unfinished = new ConcurrentHashMap<>();

	private final Set<String> toldSteps = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the participants' driver.
	 * @param participants the participants, in the order their status is shown
	 * @param threads makes the threads the participants are called on
	 * @param ticker the clock of the waits
	 * @param logger where failures and unfinished work are reported
	 */
	public ShutdownParticipants(List<? extends ShutdownParticipant> participants, ThreadFactory threads, Ticker ticker,
			System.Logger logger) {
		this.lanes = participants.stream().map((participant) -> new ParticipantLane(participant, threads)).toList();
		this.ticker = ticker;
		this.logger = logger;
	}

	/**
	 * Returns the participants' names, in order.
	 * @return the names
	 */
	public List<String> names() {
		return this.lanes.stream().map(ParticipantLane::name).toList();
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		tell(Step.DRAIN_STARTED, ShutdownParticipant::drainStarted);
	}

	@Override
	public void holdEnded(DrainResult result) {
		tell(Step.HOLD_ENDED, ShutdownParticipant::holdEnded);
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		synchronized (this.toldSteps) {
			this.toldSteps.clear();
			tellAll("drainCancelled", ShutdownParticipant::drainCancelled);
		}
	}

	private void tell(Step step, Consumer<ShutdownParticipant> call) {
		synchronized (this.toldSteps) {
			if (this.toldSteps.add(step.method)) {
				tellAll(step.method, call);
			}
		}
	}

	private void tellAll(String method, Consumer<ShutdownParticipant> call) {
		List<ParticipantLane.Call<?>> waitedFor = new ArrayList<>();
		for (ParticipantLane lane : this.lanes) {
			boolean stuckBefore = lane.isBusy();
			ParticipantLane.Call<?> told = lane.call(method, (participant) -> {
				call.accept(participant);
				return null;
			}, this::reportFailure);
			if (!stuckBefore) {
				waitedFor.add(told);
			}
		}
		awaitAndReport(waitedFor, this.ticker.nanos() + WAIT.toNanos());
	}

	/**
	 * Returns each participant's work in progress, as it reports it; a participant whose
	 * report fails shows {@code -1}.
	 * @return the work in progress by participant name, in order
	 */
	public Map<String, Long> inProgress() {
		Map<String, Long> inProgress = new LinkedHashMap<>();
		for (ParticipantLane lane : this.lanes) {
			inProgress.put(lane.name(), lane.inProgress(this::reportFailure));
		}
		return inProgress;
	}

	/**
	 * Returns what each participant left unfinished when the last {@link #shutdown}
	 * ended; empty before.
	 * @return the unfinished work by participant name
	 */
	public Map<String, Long> unfinished() {
		Map<String, Long> unfinished = new LinkedHashMap<>();
		for (ParticipantLane lane : this.lanes) {
			Long count = this.unfinished.get(lane.name());
			if (count != null) {
				unfinished.put(lane.name(), count);
			}
		}
		return unfinished;
	}

	/**
	 * Waits, once the hold has ended, for the participants to finish their work, all at
	 * once and each at most the given time. A participant not yet told that the drain
	 * started and that the hold ended (a shutdown without a drain, as without a web
	 * server) is told first. A participant that fails or does not return in time counts
	 * its work in progress as unfinished.
	 * @param timeout how long to wait at most
	 * @return the work each participant left unfinished, by name, in order
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Map<String, Long> shutdown(Duration timeout) throws InterruptedException {
		tell(Step.DRAIN_STARTED, ShutdownParticipant::drainStarted);
		tell(Step.HOLD_ENDED, ShutdownParticipant::holdEnded);
		long deadline = this.ticker.nanos() + timeout.toNanos();
		List<ParticipantLane.Call<Long>> calls = new ArrayList<>();
		for (ParticipantLane lane : this.lanes) {
			calls.add(lane.call("awaitFinished",
					(participant) -> participant
						.awaitFinished(Duration.ofNanos(Math.max(0, deadline - this.ticker.nanos()))),
					this::reportFailure));
		}
		CompletableFuture<Void> all = CompletableFuture
			.allOf(calls.stream().map(ParticipantLane.Call::result).toArray(CompletableFuture[]::new));
		this.ticker.awaitUntil(all, deadline + AWAIT_SLACK.toNanos());
		Map<String, Long> unfinished = new LinkedHashMap<>();
		for (ParticipantLane.Call<Long> call : calls) {
			long left = unfinishedOf(call);
			unfinished.put(call.lane().name(), left);
			this.unfinished.merge(call.lane().name(), left, Long::sum);
			if (left > 0) {
				this.logger.log(Level.WARNING,
						() -> "zdt: " + left + " unit(s) of work of the shutdown participant '" + call.lane().name()
								+ "' left unfinished after waiting " + timeout + "; they are dropped at exit");
			}
		}
		return unfinished;
	}

	private long unfinishedOf(ParticipantLane.Call<Long> call) {
		CompletableFuture<Long> result = call.result();
		if (result.isDone() && !result.isCompletedExceptionally()) {
			Long left = result.join();
			if (left != null) {
				return Math.max(0, left);
			}
		}
		if (!result.isDone()) {
			reportStuck(call);
		}
		return Math.max(0, call.lane().inProgress(this::reportFailure));
	}

	private void awaitAndReport(List<? extends ParticipantLane.Call<?>> calls, long deadline) {
		if (calls.isEmpty()) {
			return;
		}
		CompletableFuture<Void> all = CompletableFuture
			.allOf(calls.stream().map(ParticipantLane.Call::result).toArray(CompletableFuture[]::new));
		try {
			if (this.ticker.awaitUntil(all, deadline)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		calls.stream().filter((call) -> !call.result().isDone()).forEach(this::reportStuck);
	}

	private void reportStuck(ParticipantLane.Call<?> call) {
		this.logger.log(Level.WARNING, () -> "zdt: the shutdown participant '" + call.lane().name()
				+ "' has not returned from " + call.method() + " in time; the drain goes on without waiting for it");
	}

	private void reportFailure(ParticipantLane lane, String method, Throwable failure) {
		this.logger.log(Level.WARNING,
				() -> "zdt: the shutdown participant '" + lane.name() + "' failed in " + method + "; the drain goes on",
				failure);
	}

	private enum Step {

		DRAIN_STARTED("drainStarted"), HOLD_ENDED("holdEnded");

		final String method;

		Step(String method) {
			this.method = method;
		}

	}

}
