package dev.zdt.boot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.zdt.boot.lifecycle.DrainLifecycle;
import dev.zdt.boot.lifecycle.ShutdownPhaseTimeouts;
import dev.zdt.boot.work.CoversLifecycleStop;
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
 * begins, and no timeout bounds it, so it counts only where a shutdown participant knows
 * how long its stop takes at most ({@link CoversLifecycleStop#synchronousStopBound}).
 * zdt's own drain lifecycle is not counted either: it waits for the hold, which the
 * budget counts already. A phase whose every counted bean a participant covers
 * ({@link CoversLifecycleStop}) runs beside the hold or counts nothing
 * ({@link ShutdownPhase.Overlap}).
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

	private final Supplier<List<CoversLifecycleStop>> coverers;

	/**
	 * @param context the context whose phases to read
	 * @param timeoutPerShutdownPhase {@code spring.lifecycle.timeout-per-shutdown-phase},
	 * for a processor whose timeouts cannot be read
	 * @param knownPhaseTimeouts the per-phase timeouts zdt sets, for the same case
	 * @param coverers the participants that do the work of lifecycle beans' stop before
	 * their phase
	 */
	LifecyclePhases(ApplicationContext context, Duration timeoutPerShutdownPhase,
			Supplier<Map<Integer, Duration>> knownPhaseTimeouts, Supplier<List<CoversLifecycleStop>> coverers) {
		this.context = context;
		this.timeoutPerShutdownPhase = timeoutPerShutdownPhase;
		this.knownPhaseTimeouts = knownPhaseTimeouts;
		this.coverers = coverers;
	}

	/**
	 * Returns the phases of the running lifecycle beans that stop asynchronously, or
	 * whose synchronous stop a participant bounds, highest phase first.
	 * @return the phases
	 */
	List<ShutdownPhase> read() {
		if (!(this.context.getAutowireCapableBeanFactory() instanceof ConfigurableListableBeanFactory beanFactory)) {
			return List.of();
		}
		List<CoversLifecycleStop> coverers = this.coverers.get();
		Map<Integer, PhaseBeans> byPhase = new TreeMap<>(Comparator.reverseOrder());
		for (String name : beanFactory.getBeanNamesForType(Lifecycle.class, false, false)) {
			Object bean = beanFactory.containsSingleton(name) ? beanFactory.getSingleton(name) : null;
			if (bean instanceof Lifecycle lifecycle && isRunningAndNotZdts(lifecycle)) {
				CountedBean counted = count(lifecycle, coverers);
				if (counted != null) {
					byPhase.computeIfAbsent(phaseOf(lifecycle), (key) -> new PhaseBeans()).add(name, counted);
				}
			}
		}
		ShutdownPhaseTimeouts timeouts = ShutdownPhaseTimeouts.of(LifecycleProcessors.find(this.context));
		List<ShutdownPhase> phases = new ArrayList<>();
		byPhase.forEach((phase, beans) -> phases.add(beans.toPhase(phase, timeout(timeouts, phase))));
		return phases;
	}

	private static @Nullable CountedBean count(Lifecycle lifecycle, List<CoversLifecycleStop> coverers) {
		ShutdownPhase.Overlap overlap = ShutdownPhase.Overlap.NONE;
		Duration synchronousBound = null;
		for (CoversLifecycleStop coverer : coverers) {
			ShutdownPhase.Overlap covered = coverer.overlap(lifecycle);
			if (covered.compareTo(overlap) > 0) {
				overlap = covered;
				synchronousBound = coverer.synchronousStopBound(lifecycle);
			}
		}
		if (stopsAsynchronously(lifecycle)) {
			return new CountedBean(overlap, null);
		}
		// A synchronous stop has returned before Spring's wait for the phase begins, and
		// no timeout bounds it: it counts only where a participant knows its bound.
		return (overlap != ShutdownPhase.Overlap.NONE && synchronousBound != null)
				? new CountedBean(overlap, synchronousBound) : null;
	}

	private Duration timeout(@Nullable ShutdownPhaseTimeouts timeouts, int phase) {
		if (timeouts != null) {
			return timeouts.forPhase(phase);
		}
		Duration known = this.knownPhaseTimeouts.get().get(phase);
		return (known != null) ? known : this.timeoutPerShutdownPhase;
	}

	private static boolean isRunningAndNotZdts(Lifecycle lifecycle) {
		return !(lifecycle instanceof LifecycleProcessor) && !(lifecycle instanceof DrainLifecycle)
				&& lifecycle.isRunning();
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

	/**
	 * A bean the budget counts: how its stop is covered, and the bound of its stop where
	 * the stop is synchronous.
	 */
	private record CountedBean(ShutdownPhase.Overlap overlap, @Nullable Duration synchronousBound) {

	}

	/** The counted beans of one phase. */
	private static final class PhaseBeans {

		private final List<String> names = new ArrayList<>();

		private ShutdownPhase.Overlap overlap = ShutdownPhase.Overlap.EARLIER_PHASE;

		private boolean anyAsynchronous;

		private Duration longestSynchronousStop = Duration.ZERO;

		void add(String name, CountedBean bean) {
			this.names.add(name);
			if (bean.overlap().compareTo(this.overlap) < 0) {
				this.overlap = bean.overlap();
			}
			Duration bound = bean.synchronousBound();
			if (bound == null) {
				this.anyAsynchronous = true;
			}
			else if (bound.compareTo(this.longestSynchronousStop) > 0) {
				this.longestSynchronousStop = bound;
			}
		}

		ShutdownPhase toPhase(int phase, Duration phaseTimeout) {
			Duration timeout = (this.anyAsynchronous && phaseTimeout.compareTo(this.longestSynchronousStop) > 0)
					? phaseTimeout : this.longestSynchronousStop;
			return new ShutdownPhase(phase, this.names, timeout, this.overlap);
		}

	}

}
