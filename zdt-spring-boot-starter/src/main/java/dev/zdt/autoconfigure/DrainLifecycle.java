package dev.zdt.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Holds shutdown until the drain's hold has ended. Stops in the highest phase, before the web
 * server's graceful shutdown (and before other default-phase beans' stop completes), so the
 * application keeps serving while the load balancer still routes to it. Joins a drain already
 * started, e.g. by kubelet's preStop call, and then returns at once. Without a running web
 * server there is nothing to keep serving, so shutdown does not hold (a drain started another
 * way is still waited for). The drain already starts when the context closes, before any
 * lifecycle stops, so that not one response goes out without {@code Connection: close} after
 * readiness went down.
 */
final class DrainLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	private final DrainCoordinator coordinator;

	private final ApplicationContext context;

	private final BooleanSupplier webServerRunning;

	private volatile boolean running;

	DrainLifecycle(DrainCoordinator coordinator, ApplicationContext context, BooleanSupplier webServerRunning) {
		this.coordinator = coordinator;
		this.context = context;
		this.webServerRunning = webServerRunning;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			drainForShutdown();
		}
	}

	private CompletableFuture<DrainResult> drainForShutdown() {
		if (this.coordinator.isDraining() || this.webServerRunning.getAsBoolean()) {
			return this.coordinator.startDrain(DrainTrigger.SHUTDOWN);
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop(Runnable callback) {
		drainForShutdown().whenComplete((result, failure) -> {
			this.coordinator.stopping();
			this.running = false;
			callback.run();
		});
	}

	@Override
	public void stop() {
		try {
			drainForShutdown().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// The coordinator never fails its result; nothing to hold for then.
		}
		this.coordinator.stopping();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
