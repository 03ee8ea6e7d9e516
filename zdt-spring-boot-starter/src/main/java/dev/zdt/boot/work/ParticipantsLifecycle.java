package dev.zdt.boot.work;

import java.time.Duration;
import java.util.Map;

import dev.zdt.boot.lifecycle.ShutdownPhaseTimeouts;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.work.ShutdownParticipants;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Waits for the shutdown participants' work once the hold has ended, in the lifecycle
 * phase of the web server's graceful shutdown ({@link #PHASE}), so that the wait runs
 * beside the requests in flight finishing rather than after them, and adds nothing to the
 * shutdown budget: Spring stops the beans of a phase together and waits for all of them,
 * each at most {@code spring.lifecycle.timeout-per-shutdown-phase}. The phase comes after
 * the hold (which ends in the first listener of the context's close, before any lifecycle
 * bean stops) and before the phase of Spring's task executors and schedulers
 * ({@code 1073741823}) and before any bean is destroyed, so the executors, connection
 * pools and clients the work needs are still there. The wait ends within the phase's
 * timeout less {@link ShutdownBudget#WAIT_MARGIN}, so that what is left unfinished is
 * counted and logged before Spring gives up on the phase: the timeout the lifecycle
 * processor gives the phase when it stops ({@link ShutdownPhaseTimeouts}), which zdt
 * shortens once the hold has ended when the grace period or the load balancer's
 * deregistration delay leaves less; the configured one where it cannot be read.
 * <p>
 * Like the drain, this only acts when the context closes: a context that is stopped or
 * paused without being closed starts again later.
 *
 * @since 0.2.0
 */
public final class ParticipantsLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	/**
	 * The phase of the web server's graceful shutdown in Spring Boot 3 and 4
	 * ({@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE}), written out so that
	 * applications without a web server wait in the same place.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Log logger = LogFactory.getLog(ParticipantsLifecycle.class);

	private final ShutdownParticipants participants;

	private final ApplicationContext context;

	private final Duration phaseTimeout;

	private volatile boolean running;

	private volatile boolean closing;

	/**
	 * Creates the lifecycle.
	 * @param participants the participants to wait for
	 * @param context the context whose close makes the stop wait
	 * @param phaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}, for a
	 * lifecycle processor whose timeouts cannot be read
	 */
	public ParticipantsLifecycle(ShutdownParticipants participants, ApplicationContext context, Duration phaseTimeout) {
		this.participants = participants;
		this.context = context;
		this.phaseTimeout = phaseTimeout;
	}

	static Duration awaitTimeout(Duration phaseTimeout) {
		Duration margin = ShutdownBudget.WAIT_MARGIN;
		return (phaseTimeout.compareTo(margin.multipliedBy(2)) > 0) ? phaseTimeout.minus(margin)
				: phaseTimeout.dividedBy(2);
	}

	/**
	 * Returns how long the stop waits for the participants at most, if it stopped now:
	 * within the timeout the lifecycle processor gives the phase.
	 * @return the wait
	 */
	public Duration timeout() {
		ShutdownPhaseTimeouts timeouts = ShutdownPhaseTimeouts.of(this.context);
		return awaitTimeout((timeouts != null) ? timeouts.forPhase(PHASE) : this.phaseTimeout);
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.closing = true;
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		if (!this.closing || this.participants.names().isEmpty()) {
			callback.run();
			return;
		}
		// Asked now: Spring's wait for this phase begins now, with this timeout.
		Duration timeout = timeout();
		Thread waiting = new Thread(() -> {
			try {
				awaitParticipants(timeout);
			}
			finally {
				callback.run();
			}
		}, "zdt-participants-shutdown");
		waiting.setDaemon(true);
		waiting.start();
	}

	private void awaitParticipants(Duration timeout) {
		try {
			Map<String, Long> unfinished = this.participants.shutdown(timeout);
			if (logger.isDebugEnabled()) {
				logger.debug("zdt: shutdown participants awaited, unfinished: " + unfinished);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.warn("zdt: waiting for the shutdown participants failed; shutdown goes on", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// Spring Framework 7's SmartLifecycle method; 6.2 (Spring Boot 3) has none to
	// override.
	public boolean isPauseable() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
