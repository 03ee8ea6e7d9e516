package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.boot.lifecycle.DrainLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Gives the drain's shutdown phase time for the longest hold. Only that phase: the global
 * timeout per phase stays the user's, and the phase never gets less than it.
 */
final class ShutdownPhaseTimeout implements ApplicationListener<ContextRefreshedEvent> {

	/** Room for the hold thread to report back after the longest hold. */
	static final Duration MARGIN = Duration.ofSeconds(5);

	private final ApplicationContext context;

	private final Duration timeout;

	ShutdownPhaseTimeout(ApplicationContext context, Duration maxHold, ShutdownTimings timings) {
		this.context = context;
		Duration forHold = maxHold.plus(MARGIN);
		this.timeout = (forHold.compareTo(timings.timeoutPerShutdownPhase()) > 0) ? forHold
				: timings.timeoutPerShutdownPhase();
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
