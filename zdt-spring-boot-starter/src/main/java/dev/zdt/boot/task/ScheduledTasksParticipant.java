package dev.zdt.boot.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.zdt.boot.work.CoversLifecycleStop;
import dev.zdt.core.ShutdownPhase;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.work.ShutdownParticipant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.Lifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.Task;
import org.springframework.scheduling.config.TaskExecutionOutcome;
import org.springframework.scheduling.config.TriggerTask;

/**
 * Stops Spring's scheduled tasks ({@code @Scheduled} methods and other tasks of a
 * {@link ScheduledTaskHolder}) when the drain starts: no new run starts from then on, a
 * run in progress finishes, and is waited for after the hold. A scheduled run is work no
 * load balancer routes, so it need not wait for the load balancer: stopping at drain
 * start lets the run in progress finish during the hold, where stopping at hold end would
 * keep starting runs (one every period) that the shutdown then has to wait for or cut.
 * The next instance runs the schedule. A cancelled drain schedules the tasks again, on
 * the application's {@link TaskScheduler}.
 * <p>
 * The wait is for every task running on the application's {@link ThreadPoolTaskScheduler}
 * beans too, scheduled by {@code @Scheduled} or by hand, as the schedulers' own lifecycle
 * stop would wait for them: that stop, in a phase after the web server's, then finds none
 * running, and the shutdown budget counts nothing for it ({@link CoversLifecycleStop},
 * awaited in an earlier phase). A task scheduled by hand is not stopped at drain start;
 * should one start a run after the wait, its phase has what the other phases leave of the
 * grace period.
 *
 * @since 0.2.0
 */
public final class ScheduledTasksParticipant implements ShutdownParticipant, CoversLifecycleStop, DisposableBean {

	/** The participant's name in the status, the meters and the log. */
	public static final String NAME = "scheduled-tasks";

	private static final Log logger = LogFactory.getLog(ScheduledTasksParticipant.class);

	private final Supplier<List<ScheduledTaskHolder>> holders;

	private final Supplier<@Nullable TaskScheduler> scheduler;

	private final Supplier<List<ThreadPoolTaskScheduler>> pools;

	private final Ticker ticker;

	private final Set<Task> stopped = Collections.newSetFromMap(new IdentityHashMap<>());

	private final List<ScheduledTask> rescheduled = new ArrayList<>();

	private @Nullable ScheduledTaskRegistrar registrar;

	/**
	 * Creates the participant.
	 * @param holders supplies the holders of the scheduled tasks, asked at each step
	 * @param scheduler supplies the scheduler that runs the tasks again when a drain is
	 * cancelled
	 * @param pools supplies the scheduler beans whose running tasks are waited for
	 * @param ticker the clock of the wait
	 */
	public ScheduledTasksParticipant(Supplier<List<ScheduledTaskHolder>> holders,
			Supplier<@Nullable TaskScheduler> scheduler, Supplier<List<ThreadPoolTaskScheduler>> pools, Ticker ticker) {
		this.holders = holders;
		this.scheduler = scheduler;
		this.pools = pools;
		this.ticker = ticker;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public synchronized void drainStarted() {
		for (ScheduledTaskHolder holder : this.holders.get()) {
			for (ScheduledTask task : holder.getScheduledTasks()) {
				task.cancel(false);
				this.stopped.add(task.getTask());
			}
		}
		this.rescheduled.forEach((task) -> task.cancel(false));
		this.rescheduled.clear();
	}

	@Override
	public synchronized void drainCancelled() {
		if (this.stopped.isEmpty()) {
			return;
		}
		ScheduledTaskRegistrar registrar = registrar();
		if (registrar == null) {
			logger.warn("zdt: the drain was cancelled, but no single TaskScheduler bean is there to schedule the "
					+ this.stopped.size() + " scheduled task(s) stopped at drain start again; they stay stopped");
			return;
		}
		for (Task task : this.stopped) {
			ScheduledTask again = scheduleAgain(registrar, task);
			if (again != null) {
				this.rescheduled.add(again);
			}
		}
	}

	private @Nullable ScheduledTaskRegistrar registrar() {
		if (this.registrar == null) {
			TaskScheduler scheduler = this.scheduler.get();
			if (scheduler == null) {
				return null;
			}
			ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
			registrar.setTaskScheduler(scheduler);
			this.registrar = registrar;
		}
		return this.registrar;
	}

	private static @Nullable ScheduledTask scheduleAgain(ScheduledTaskRegistrar registrar, Task task) {
		if (task instanceof CronTask cron) {
			return registrar.scheduleCronTask(cron);
		}
		if (task instanceof TriggerTask trigger) {
			return registrar.scheduleTriggerTask(trigger);
		}
		if (task instanceof FixedRateTask fixedRate) {
			return registrar.scheduleFixedRateTask(fixedRate);
		}
		if (task instanceof FixedDelayTask fixedDelay) {
			return registrar.scheduleFixedDelayTask(fixedDelay);
		}
		// A one-time task that was cancelled before it ran is not run again.
		return null;
	}

	/**
	 * Returns the runs in progress: of the scheduled tasks, or of all the tasks on the
	 * scheduler beans if more (the runs of scheduled tasks are usually among them).
	 * @return the runs in progress
	 */
	@Override
	public long inProgress() {
		long scheduledRuns = 0;
		for (ScheduledTaskHolder holder : this.holders.get()) {
			for (ScheduledTask task : holder.getScheduledTasks()) {
				if (task.getTask().getLastExecutionOutcome().status() == TaskExecutionOutcome.Status.STARTED) {
					scheduledRuns++;
				}
			}
		}
		long onSchedulers = 0;
		for (ThreadPoolTaskScheduler pool : this.pools.get()) {
			onSchedulers += activeCount(pool);
		}
		return Math.max(scheduledRuns, onSchedulers);
	}

	private static int activeCount(ThreadPoolTaskScheduler pool) {
		try {
			return pool.getActiveCount();
		}
		catch (IllegalStateException ex) {
			// Not a ScheduledThreadPoolExecutor underneath: its runs are not known.
			return 0;
		}
	}

	@Override
	public ShutdownPhase.Overlap overlap(Lifecycle bean) {
		boolean ours = this.pools.get().stream().anyMatch((pool) -> pool == bean);
		return ours ? ShutdownPhase.Overlap.EARLIER_PHASE : ShutdownPhase.Overlap.NONE;
	}

	@Override
	public long awaitFinished(Duration timeout) throws InterruptedException {
		return WorkWait.untilNone(this::inProgress, timeout, this.ticker);
	}

	@Override
	public synchronized void destroy() {
		if (this.registrar != null) {
			this.registrar.destroy();
		}
	}

}
