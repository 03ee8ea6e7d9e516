package dev.zdt.boot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.zdt.boot.lifecycle.DrainLifecycle;
import dev.zdt.boot.lifecycle.ShutdownPhaseTimeouts;
import dev.zdt.boot.work.StopsAtDrainStart;
import dev.zdt.core.ShutdownPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.Phased;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Reads the shutdown phases the context will run when it closes, for the
 * {@link dev.zdt.core.ShutdownBudget}: its running lifecycle beans, grouped by phase as
 * the {@link DefaultLifecycleProcessor} stops them, each phase with the timeout the
 * processor will give it. Read generically, so that any library's lifecycle beans (a
 * Kafka listener registry, an SQS container, an executor) count without zdt knowing them.
 * <p>
 * Only beans that stop asynchronously ({@link SmartLifecycle#stop(Runnable)} of their
 * own, such as the web server's graceful shutdown or a listener registry) are waited for
 * up to the phase's timeout; one that stops synchronously has returned before the wait
 * begins, and no timeout bounds it, so a phase of such beans only is not counted. zdt's
 * own drain lifecycle is not counted either: it waits for the hold, which the budget
 * counts already. A phase whose every bean a shutdown participant stops when the drain
 * starts ({@link StopsAtDrainStart}) {@linkplain ShutdownPhase#beginsAtDrainStart() runs
 * beside the hold}.
 * <p>
 * Spring (6.2, 7.0) has no getter for the per-phase timeouts, such as the one zdt gives
 * the phase that waits for the hold ({@link ShutdownPhaseTimeout}); they are read from
 * the processor's fields ({@link ShutdownPhaseTimeouts}), and where that fails (another
 * processor, a later Spring, a native image) the timeout is the one zdt knows.
 */
final class LifecyclePhases {

	private final ApplicationContext context;

	private final Duration timeoutPerShutdownPhase;

	private final Supplier<Map<Integer, Duration>> knownPhaseTimeouts;

	private final Supplier<List<StopsAtDrainStart>> stoppedAtDrainStart;

	/**
	 * @param context the context whose phases to read
	 * @param timeoutPerShutdownPhase {@code spring.lifecycle.timeout-per-shutdown-phase},
	 * for a processor whose timeouts cannot be read
	 * @param knownPhaseTimeouts the per-phase timeouts zdt sets, for the same case
	 * @param stoppedAtDrainStart the participants that stop lifecycle beans when the
	 * drain starts
	 */
	LifecyclePhases(ApplicationContext context, Duration timeoutPerShutdownPhase,
			Supplier<Map<Integer, Duration>> knownPhaseTimeouts,
			Supplier<List<StopsAtDrainStart>> stoppedAtDrainStart) {
		this.context = context;
		this.timeoutPerShutdownPhase = timeoutPerShutdownPhase;
		this.knownPhaseTimeouts = knownPhaseTimeouts;
		this.stoppedAtDrainStart = stoppedAtDrainStart;
	}

	/**
	 * Returns the phases of the running lifecycle beans that stop asynchronously, highest
	 * phase first.
	 * @return the phases
	 */
	List<ShutdownPhase> read() {
		Map<Integer, List<String>> beansByPhase = new TreeMap<>(Comparator.reverseOrder());
		Map<Integer, Boolean> beginsAtDrainStart = new HashMap<>();
		if (!(this.context.getAutowireCapableBeanFactory() instanceof ConfigurableListableBeanFactory beanFactory)) {
			return List.of();
		}
		List<StopsAtDrainStart> stoppers = this.stoppedAtDrainStart.get();
		for (String name : beanFactory.getBeanNamesForType(Lifecycle.class, false, false)) {
			Object bean = beanFactory.containsSingleton(name) ? beanFactory.getSingleton(name) : null;
			if (bean instanceof Lifecycle lifecycle && counts(lifecycle)) {
				int phase = phaseOf(lifecycle);
				beansByPhase.computeIfAbsent(phase, (key) -> new ArrayList<>()).add(name);
				boolean stoppedAtStart = stoppers.stream().anyMatch((stopper) -> stopper.stopsAtDrainStart(lifecycle));
				beginsAtDrainStart.merge(phase, stoppedAtStart, Boolean::logicalAnd);
			}
		}
		ShutdownPhaseTimeouts timeouts = ShutdownPhaseTimeouts.of(LifecycleProcessors.find(this.context));
		List<ShutdownPhase> phases = new ArrayList<>();
		beansByPhase.forEach((phase, beans) -> phases.add(new ShutdownPhase(phase, beans, timeout(timeouts, phase),
				Boolean.TRUE.equals(beginsAtDrainStart.get(phase)))));
		return phases;
	}

	private Duration timeout(@Nullable ShutdownPhaseTimeouts timeouts, int phase) {
		if (timeouts != null) {
			return timeouts.forPhase(phase);
		}
		Duration known = this.knownPhaseTimeouts.get().get(phase);
		return (known != null) ? known : this.timeoutPerShutdownPhase;
	}

	private static boolean counts(Lifecycle lifecycle) {
		return !(lifecycle instanceof LifecycleProcessor) && !(lifecycle instanceof DrainLifecycle)
				&& lifecycle.isRunning() && stopsAsynchronously(lifecycle);
	}

	static boolean stopsAsynchronously(Lifecycle lifecycle) {
		if (!(lifecycle instanceof SmartLifecycle)) {
			return false;
		}
		Method stop = ReflectionUtils.findMethod(lifecycle.getClass(), "stop", Runnable.class);
		return stop != null && stop.getDeclaringClass() != SmartLifecycle.class;
	}

	private static int phaseOf(Lifecycle lifecycle) {
		return (lifecycle instanceof Phased phased) ? phased.getPhase() : 0;
	}

}
