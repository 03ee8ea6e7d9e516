package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.ShutdownPhase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Once the hold has ended, shortens the timeouts of the shutdown phases still to run to
 * what is left of the grace period ({@link ShutdownBudget#phaseCaps}), so that the JVM
 * exits before kubelet's SIGKILL: a phase cut by its timeout is logged by Spring and the
 * rest of the shutdown (destroy methods, logs, exit code) still happens, where SIGKILL
 * would end everything at once. A cancelled drain gives the phases their timeouts back.
 * The budget and the phases are asked for only once a hold has ended: the budget comes
 * from the coordinator, which this listener is part of.
 */
final class PhaseDeadline implements DrainListener {

	private static final Log logger = LogFactory.getLog(PhaseDeadline.class);

	private final Supplier<@Nullable DefaultLifecycleProcessor> processor;

	private final Supplier<List<ShutdownPhase>> phases;

	private final Supplier<ShutdownBudget> budget;

	private final GracePeriodFit gracePeriod;

	private final Map<Integer, Duration> before = new HashMap<>();

	PhaseDeadline(Supplier<@Nullable DefaultLifecycleProcessor> processor, Supplier<List<ShutdownPhase>> phases,
			Supplier<ShutdownBudget> budget, GracePeriodFit gracePeriod) {
		this.processor = processor;
		this.phases = phases;
		this.budget = budget;
		this.gracePeriod = gracePeriod;
	}

	@Override
	public synchronized void holdEnded(DrainResult result) {
		Duration grace = this.gracePeriod.gracePeriod();
		DefaultLifecycleProcessor lifecycleProcessor = this.processor.get();
		if (grace == null || lifecycleProcessor == null) {
			return;
		}
		List<ShutdownPhase> phases = this.phases.get();
		Map<Integer, Duration> caps = this.budget.get().withPhases(phases).phaseCaps(grace, result.outcome().held());
		for (ShutdownPhase phase : phases) {
			Duration cap = caps.get(phase.phase());
			if (cap != null) {
				this.before.putIfAbsent(phase.phase(), phase.timeout());
				lifecycleProcessor.setTimeoutForShutdownPhase(phase.phase(), cap.toMillis());
				logger.info(String.format("zdt: %s may take %s instead of %s: %s runs out then",
						StartupChecks.describe(phase), StartupChecks.seconds(cap),
						StartupChecks.seconds(phase.timeout()), this.gracePeriod.describe()));
			}
		}
	}

	@Override
	public synchronized void drainCancelled(DrainCancellation cancellation) {
		DefaultLifecycleProcessor lifecycleProcessor = this.processor.get();
		if (lifecycleProcessor != null) {
			this.before
				.forEach((phase, timeout) -> lifecycleProcessor.setTimeoutForShutdownPhase(phase, timeout.toMillis()));
		}
		this.before.clear();
	}

}
