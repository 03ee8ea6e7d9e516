package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.boot.lifecycle.DrainLifecycle;
import dev.zdt.core.ShutdownBudget;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Gives the drain's shutdown phase time for the longest hold. Only that phase: the global
 * timeout per phase stays the user's, and the phase never gets less than it
 * ({@link ShutdownBudget#holdPhaseTimeout()}).
 */
final class ShutdownPhaseTimeout implements ApplicationListener<ContextRefreshedEvent> {

	private final ApplicationContext context;

	private final Duration timeout;

	ShutdownPhaseTimeout(ApplicationContext context, ShutdownBudget budget) {
		this.context = context;
		this.timeout = budget.holdPhaseTimeout();
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		DefaultLifecycleProcessor processor = LifecycleProcessors.find(this.context);
		if (processor != null) {
			processor.setTimeoutForShutdownPhase(DrainLifecycle.PHASE, this.timeout.toMillis());
		}
	}

	Duration timeout() {
		return this.timeout;
	}

}
