package dev.zdt.boot.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

import dev.zdt.boot.work.CoversLifecycleStop;
import dev.zdt.core.ShutdownPhase;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.work.ShutdownParticipant;

import org.springframework.context.Lifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Finishes the tasks of Spring's {@link ThreadPoolTaskExecutor}s (Boot's
 * {@code applicationTaskExecutor}, which runs {@code @Async} methods, and any other):
 * every task accepted before the executors are waited for runs to its end rather than
 * being dropped.
 * <p>
 * Nothing changes at drain start or hold end: requests served during the hold, and those
 * in flight during the web server's graceful shutdown, may submit tasks, so the executors
 * go on accepting (a {@code ThreadPoolTaskExecutor} accepts after the context's close
 * unless {@code strictEarlyShutdown} is set). The wait matters because of what Spring
 * does otherwise: the executor's lifecycle stop ends as soon as no task happens to be
 * running, even with tasks still queued, and its destruction then calls
 * {@code shutdownNow()}, which interrupts the running tasks and cancels the queued ones
 * (unless {@code spring.task.execution.shutdown.await-termination} is set).
 * <p>
 * Once this wait is over, the executors' own lifecycle phase (after the web server's)
 * finds no task running: the shutdown budget counts nothing for it
 * ({@link CoversLifecycleStop}, awaited in an earlier phase).
 *
 * @since 0.2.0
 */
public final class TaskExecutorsParticipant implements ShutdownParticipant, CoversLifecycleStop {

	/** The participant's name in the status, the meters and the log. */
	public static final String NAME = "task-executors";

	private final Supplier<List<ThreadPoolTaskExecutor>> executors;

	private final Ticker ticker;

	/**
	 * Creates the participant.
	 * @param executors supplies the executors, asked each time
	 * @param ticker the clock of the wait
	 */
	public TaskExecutorsParticipant(Supplier<List<ThreadPoolTaskExecutor>> executors, Ticker ticker) {
		this.executors = executors;
		this.ticker = ticker;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public long inProgress() {
		long inProgress = 0;
		for (ThreadPoolTaskExecutor executor : this.executors.get()) {
			inProgress += inProgress(executor);
		}
		return inProgress;
	}

	private static long inProgress(ThreadPoolTaskExecutor executor) {
		ThreadPoolExecutor pool;
		try {
			pool = executor.getThreadPoolExecutor();
		}
		catch (IllegalStateException ex) {
			// Not initialized: it has accepted nothing.
			return 0;
		}
		if (pool.isTerminated()) {
			return 0;
		}
		return Math.max(0, pool.getTaskCount() - pool.getCompletedTaskCount());
	}

	@Override
	public ShutdownPhase.Overlap overlap(Lifecycle bean) {
		boolean ours = this.executors.get().stream().anyMatch((executor) -> executor == bean);
		return ours ? ShutdownPhase.Overlap.EARLIER_PHASE : ShutdownPhase.Overlap.NONE;
	}

	@Override
	public long awaitFinished(Duration timeout) throws InterruptedException {
		return WorkWait.untilNone(this::inProgress, timeout, this.ticker);
	}

}
