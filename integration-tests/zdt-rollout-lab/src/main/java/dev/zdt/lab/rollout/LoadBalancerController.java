package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.lab.lb.HealthCheck;
import dev.zdt.lab.lb.RuntimeApi;
import dev.zdt.lab.lb.ServerState;
import dev.zdt.lab.pod.Pod;

/**
 * The AWS Load Balancer Controller's part: registers new pods as targets (traffic only
 * once their health checks pass) and, when a pod is deleted, deregisters it after a
 * random lag (the target turns {@code draining}: no new requests, in-flight ones go on),
 * then removes it once the pod is gone or the deregistration delay is over.
 *
 * @author zdt
 */
public final class LoadBalancerController {

	private static final Duration POLL = Duration.ofMillis(100);

	private final RuntimeApi api;

	private final HealthCheck healthCheck;

	private final LagRange lag;

	private final Duration deregistrationDelay;

	private final Random random;

	private final EventLog events;

	private final TargetGroupListener listener;

	/**
	 * Create the controller.
	 * @param api HAProxy's runtime API
	 * @param healthCheck the target group's health check
	 * @param lag the deregistration lag range
	 * @param deregistrationDelay how long a draining target keeps its connections at most
	 * @param random the source of the lags
	 * @param events the event log
	 * @param listener told of target changes
	 */
	public LoadBalancerController(RuntimeApi api, HealthCheck healthCheck, LagRange lag, Duration deregistrationDelay,
			Random random, EventLog events, TargetGroupListener listener) {
		this.api = api;
		this.healthCheck = healthCheck;
		this.lag = lag;
		this.deregistrationDelay = deregistrationDelay;
		this.random = random;
		this.events = events;
		this.listener = listener;
	}

	/**
	 * Register a pod as a target; it gets traffic only after its health checks pass.
	 * @param pod the pod
	 */
	public void register(Pod pod) {
		this.api.register(pod.name(), pod.port(), pod.managementPort(), this.healthCheck);
		this.listener.registered(pod);
	}

	/**
	 * Wait until the load balancer routes to the pod (the pod's readiness gate).
	 * @param pod the pod
	 * @param timeout how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitHealthy(Pod pod, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.api.state(pod.name()).map(ServerState::inRotation).orElse(false)) {
				this.events.record(pod.name(), Event.Kind.READY, "health checks passed");
				this.listener.healthy(pod);
				return;
			}
			if (!pod.alive()) {
				throw new IllegalStateException("Pod " + pod + " exited before it was ready:\n" + tail(pod.logText()));
			}
			TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
		}
		throw new IllegalStateException("Pod " + pod + " not healthy after " + timeout + ":\n" + tail(pod.logText()));
	}

	/**
	 * React to a pod's deletion: drain its target after a random lag, remove the target
	 * once the pod exited (or the deregistration delay ran out).
	 * @param pod the deleted pod
	 * @return completes with the lag when the target has left the load balancer
	 */
	public CompletableFuture<Duration> deleted(Pod pod) {
		Duration lag;
		synchronized (this.random) {
			lag = this.lag.draw(this.random);
		}
		CompletableFuture<Duration> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> deregister(pod, lag, done), "lb-controller-" + pod.name());
		thread.setDaemon(true);
		thread.start();
		return done;
	}

	private void deregister(Pod pod, Duration lag, CompletableFuture<Duration> done) {
		try {
			TimeUnit.MILLISECONDS.sleep(lag.toMillis());
			this.api.drain(pod.name());
			this.events.record(pod.name(), Event.Kind.DEREGISTERED,
					"draining after a lag of " + lag.toMillis() + " ms");
			this.listener.draining(pod);
			pod.awaitExit(this.deregistrationDelay);
			boolean deleted = false;
			for (int attempt = 0; attempt < 50 && !deleted; attempt++) {
				deleted = this.api.remove(pod.name());
				if (!deleted) {
					TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
				}
			}
			this.events.record(pod.name(), Event.Kind.REMOVED, deleted ? "target removed" : "target in maintenance");
			this.listener.removed(pod);
			done.complete(lag);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			done.completeExceptionally(ex);
		}
		catch (RuntimeException ex) {
			done.completeExceptionally(ex);
		}
	}

	static String tail(String text) {
		String[] lines = text.split("\n");
		StringBuilder tail = new StringBuilder();
		for (int i = Math.max(0, lines.length - 30); i < lines.length; i++) {
			tail.append(lines[i]).append('\n');
		}
		return tail.toString();
	}

}
