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
 * The phases are read once a hold has ended, as they are then.
 * <p>
 * With zdt-aws the web server's phase may be shortened further by
 * {@link InFlightWaitCap}. Listeners run in no order, so both compute the same timeout
 * for that phase, the shorter of the two caps ({@link #cap(int, Duration)}), and only
 * {@code InFlightWaitCap} sets it.
 */
final class PhaseDeadline implements DrainListener {

	private static final Log logger = LogFactory.getLog(PhaseDeadline.class);

	private final Supplier<@Nullable DefaultLifecycleProcessor> processor;

	private final Supplier<List<ShutdownPhase>> phases;

	private final ShutdownBudget budget;

	private final GracePeriodFit gracePeriod;

	private final int gracefulShutdownPhase;

	private final Supplier<@Nullable InFlightWaitCap> inFlightWaitCap;

	private final Map<Integer, Duration> before = new HashMap<>();

	PhaseDeadline(Supplier<@Nullable DefaultLifecycleProcessor> processor, Supplier<List<ShutdownPhase>> phases,
			ShutdownBudget budget, GracePeriodFit gracePeriod, int gracefulShutdownPhase,
			Supplier<@Nullable InFlightWaitCap> inFlightWaitCap) {
		this.processor = processor;
		this.phases = phases;
		this.budget = budget;
		this.gracePeriod = gracePeriod;
		this.gracefulShutdownPhase = gracefulShutdownPhase;
		this.inFlightWaitCap = inFlightWaitCap;
	}

	@Override
	public synchronized void holdEnded(DrainResult result) {
		DefaultLifecycleProcessor lifecycleProcessor = this.processor.get();
		if (lifecycleProcessor == null) {
			return;
		}
		List<ShutdownPhase> phases = phases(result.outcome().held());
		Map<Integer, Duration> caps = caps(phases, result.outcome().held());
		boolean inFlightCapped = this.inFlightWaitCap.get() != null;
		for (ShutdownPhase phase : phases) {
			Duration cap = caps.get(phase.phase());
			if (cap == null || (inFlightCapped && phase.phase() == this.gracefulShutdownPhase)) {
				continue;
			}
			this.before.putIfAbsent(phase.phase(), phase.timeout());
			lifecycleProcessor.setTimeoutForShutdownPhase(phase.phase(), cap.toMillis());
			logger.info(String.format("zdt: %s may take %s instead of %s: %s runs out then",
					StartupChecks.describe(phase), StartupChecks.seconds(cap), StartupChecks.seconds(phase.timeout()),
					this.gracePeriod.describe()));
		}
	}

	/**
	 * Returns how long the given phase may take after a hold of the given length, if the
	 * grace period makes it shorter than its timeout.
	 * @param phase the phase
	 * @param held how long the hold lasted
	 * @return the cap, or {@code null} for none
	 */
	@Nullable Duration cap(int phase, Duration held) {
		return caps(phases(held), held).get(phase);
	}

	private Map<Integer, Duration> caps(List<ShutdownPhase> phases, Duration held) {
		Duration grace = this.gracePeriod.gracePeriod();
		if (grace == null) {
			return Map.of();
		}
		return this.budget.withPhases(phases).phaseCaps(grace, held);
	}

	// The web server's phase as InFlightWaitCap leaves it, whichever of the two runs
	// first.
	private List<ShutdownPhase> phases(Duration held) {
		InFlightWaitCap inFlight = this.inFlightWaitCap.get();
		Duration inFlightCap = (inFlight != null) ? inFlight.cap(held) : null;
		if (inFlightCap == null) {
			return this.phases.get();
		}
		return this.phases.get()
			.stream()
			.map((phase) -> (phase.phase() == this.gracefulShutdownPhase && inFlightCap.compareTo(phase.timeout()) < 0)
					? phase.withTimeout(inFlightCap) : phase)
			.toList();
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
