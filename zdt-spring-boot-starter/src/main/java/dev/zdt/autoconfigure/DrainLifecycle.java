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
import org.springframework.core.Ordered;

/**
 * Holds shutdown until the drain's hold has ended, so the application keeps serving, exactly as
 * before, while the load balancer still routes to it. The hold happens in the first listener of
 * the context's {@link ContextClosedEvent}, before any lifecycle bean stops: the clients and
 * containers that requests need, mostly in the default phase, keep running during the hold. The
 * lifecycle stop, in the highest phase, joins the same drain for a context that is stopped
 * without being closed. Joins a drain already started, e.g. by kubelet's preStop call. Without a
 * running web server there is nothing to keep serving, so shutdown does not hold (a drain
 * started another way is still waited for).
 */
final class DrainLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, Ordered {

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
			await(drainForShutdown());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
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
		await(drainForShutdown());
		this.coordinator.stopping();
		this.running = false;
	}

	private static void await(CompletableFuture<DrainResult> drain) {
		try {
			drain.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// The coordinator never fails its result; nothing to hold for then.
		}
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
