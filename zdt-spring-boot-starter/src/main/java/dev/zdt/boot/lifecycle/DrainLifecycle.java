package dev.zdt.boot.lifecycle;

import java.util.function.BooleanSupplier;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.DrainTrigger;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Holds shutdown until the drain's hold has ended, so the application keeps serving,
 * exactly as before, while the load balancer still routes to it. The hold happens in the
 * first listener of the context's {@link ContextClosedEvent}, before any lifecycle bean
 * stops: the clients and containers that requests need, mostly in the default phase, keep
 * running during the hold. Joins a drain already started, e.g. by kubelet's preStop call.
 * Without a running web server there is nothing to keep serving, so shutdown does not
 * hold (a drain started another way is still waited for).
 * <p>
 * Only closing the context drains. A context that is paused or stopped without being
 * closed (Spring's test context cache, a CRaC checkpoint, {@code pause()}) is started
 * again later, and a drain cannot be undone: so this lifecycle is not pauseable, as
 * Spring Boot's graceful shutdown lifecycle is not, and its stop marks the drain
 * {@code STOPPING} only when the context closes. Every wait is bounded by the
 * coordinator: max hold plus {@link ShutdownBudget#WAIT_MARGIN}.
 *
 * @since 0.1.0
 */
public final class DrainLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, Ordered {

	/** The lifecycle phase in which the drain's stop runs: Spring's default phase. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	private final DrainCoordinator coordinator;

	private final ApplicationContext context;

	private final BooleanSupplier webServerRunning;

	private volatile boolean running;

	private volatile boolean closing;

	/**
	 * Creates the lifecycle.
	 * @param coordinator the drain to run and wait for
	 * @param context the context whose close starts the drain
	 * @param webServerRunning whether a web server is serving, so that holding is worth
	 * it
	 */
	public DrainLifecycle(DrainCoordinator coordinator, ApplicationContext context, BooleanSupplier webServerRunning) {
		this.coordinator = coordinator;
		this.context = context;
		this.webServerRunning = webServerRunning;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		this.closing = true;
		drainForShutdown();
		if (!this.running) {
			// Stopped before it was closed: no lifecycle stop follows to say so.
			this.coordinator.stopping();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private void drainForShutdown() {
		if (this.coordinator.isDraining() || this.webServerRunning.getAsBoolean()) {
			try {
				this.coordinator.drain(DrainTrigger.SHUTDOWN);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.closing) {
			drainForShutdown();
			this.coordinator.stopping();
		}
		this.running = false;
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
