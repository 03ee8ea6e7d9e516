package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * <p>
 * With several load balancer nodes, each node stops routing on its own schedule: node
 * {@code k} drains the target its own extra lag after the target turned {@code draining},
 * as ALB nodes in other zones learn of a deregistration later. Targets are registered on
 * every node and are healthy once every node routes to them.
 *
 * @author zdt
 */
public final class LoadBalancerController {

	private static final Duration POLL = Duration.ofMillis(100);

	private final List<Node> nodes;

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
		this(List.of(new Node("lb", api, LagRange.parse("0"))), healthCheck, lag, deregistrationDelay, random, events,
				listener);
	}

	/**
	 * Create the controller of a load balancer with several nodes.
	 * @param nodes the nodes, each with its runtime API and its extra lag after
	 * {@code draining}
	 * @param healthCheck the target group's health check
	 * @param lag the deregistration lag range, until the target turns {@code draining}
	 * @param deregistrationDelay how long a draining target keeps its connections at most
	 * @param random the source of the lags
	 * @param events the event log
	 * @param listener told of target changes
	 */
	public LoadBalancerController(List<Node> nodes, HealthCheck healthCheck, LagRange lag, Duration deregistrationDelay,
			Random random, EventLog events, TargetGroupListener listener) {
		this.nodes = List.copyOf(nodes);
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
		for (Node node : this.nodes) {
			node.api().register(pod.name(), pod.port(), pod.managementPort(), this.healthCheck);
		}
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
			if (this.nodes.stream()
				.allMatch((node) -> node.api().state(pod.name()).map(ServerState::inRotation).orElse(false))) {
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
	 * @return completes with the lags when the target has left the load balancer
	 */
	public CompletableFuture<Deregistration> deleted(Pod pod) {
		Duration lag;
		List<Duration> extraLags = new ArrayList<>();
		synchronized (this.random) {
			lag = this.lag.draw(this.random);
			for (Node node : this.nodes) {
				extraLags.add(node.extraLag().draw(this.random));
			}
		}
		CompletableFuture<Deregistration> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> deregister(pod, lag, extraLags, done), "lb-controller-" + pod.name());
		thread.setDaemon(true);
		thread.start();
		return done;
	}

	private void deregister(Pod pod, Duration lag, List<Duration> extraLags, CompletableFuture<Deregistration> done) {
		try {
			long deletedAt = System.nanoTime();
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < this.nodes.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparing(extraLags::get));
			sleepUntil(deletedAt + lag.toNanos());
			for (int i : order) {
				if (extraLags.get(i).isZero()) {
					this.nodes.get(i).api().drain(pod.name());
				}
			}
			this.events.record(pod.name(), Event.Kind.DEREGISTERED,
					"draining after a lag of " + lag.toMillis() + " ms" + nodeLags(extraLags));
			this.listener.draining(pod);
			for (int i : order) {
				Duration extra = extraLags.get(i);
				if (!extra.isZero()) {
					sleepUntil(deletedAt + lag.plus(extra).toNanos());
					this.nodes.get(i).api().drain(pod.name());
					this.events.record(pod.name(), Event.Kind.NODE_DRAINED,
							this.nodes.get(i).name() + " stopped routing, " + extra.toMillis() + " ms after draining");
				}
			}
			pod.awaitExit(this.deregistrationDelay);
			boolean deleted = true;
			for (Node node : this.nodes) {
				deleted &= remove(node, pod);
			}
			this.events.record(pod.name(), Event.Kind.REMOVED, deleted ? "target removed" : "target in maintenance");
			this.listener.removed(pod);
			Duration lastExtra = extraLags.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
			done.complete(new Deregistration(lag, lag.plus(lastExtra)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			done.completeExceptionally(ex);
		}
		catch (RuntimeException ex) {
			done.completeExceptionally(ex);
		}
	}

	private static boolean remove(Node node, Pod pod) throws InterruptedException {
		for (int attempt = 0; attempt < 50; attempt++) {
			if (node.api().remove(pod.name())) {
				return true;
			}
			TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
		}
		return false;
	}

	private String nodeLags(List<Duration> extraLags) {
		if (this.nodes.size() == 1) {
			return "";
		}
		List<String> lags = new ArrayList<>();
		for (int i = 0; i < this.nodes.size(); i++) {
			lags.add(this.nodes.get(i).name() + " +" + extraLags.get(i).toMillis() + " ms");
		}
		return " (LB nodes stop " + String.join(", ", lags) + ")";
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * One node of the load balancer.
	 *
	 * @param name the node's name
	 * @param api its HAProxy's runtime API
	 * @param extraLag how long after {@code draining} it stops routing to a target
	 */
	public record Node(String name, RuntimeApi api, LagRange extraLag) {

	}

	/**
	 * When the load balancer let go of a deleted pod, counted from the deletion.
	 *
	 * @param lag until the target turned {@code draining}
	 * @param lastNodeLag until the last node stopped routing to it
	 */
	public record Deregistration(Duration lag, Duration lastNodeLag) {

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
