package dev.zdt.lab.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.lab.pod.Pod;
import dev.zdt.lab.pod.PodTemplate;
import dev.zdt.lab.pod.PreStop;
import dev.zdt.lab.time.LabClock;

/**
 * A Deployment with a rolling update strategy of {@code maxSurge: 1, maxUnavailable: 0},
 * and the kubelet that terminates its pods.
 * <p>
 * A rollout starts a new pod, waits until the load balancer reports it healthy (the
 * readiness gate), deletes an old pod and goes on with the next new pod while the old one
 * terminates, as the Deployment controller does (terminating pods do not count against
 * the surge). Termination is the kubelet's: the preStop hook, then SIGTERM, then SIGKILL
 * once the grace period (counted from the deletion, hook included) is spent. In parallel
 * the {@link LoadBalancerController} deregisters the target after its lag.
 *
 * @author zdt
 */
public final class Deployment implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration PRESTOP_OVERRUN_EXTENSION = Duration.ofSeconds(2);

	private final PodTemplate template;

	private final PreStop preStop;

	private final Duration gracePeriod;

	private final LoadBalancerController loadBalancer;

	private final EventLog events;

	private final Path logDirectory;

	private final List<Pod> pods = new ArrayList<>();

	private final List<Pod> allPods = new ArrayList<>();

	private final AtomicInteger sequence = new AtomicInteger();

	/**
	 * Create a deployment with no pods yet.
	 * @param template what a pod runs
	 * @param preStop the preStop hook
	 * @param gracePeriod {@code terminationGracePeriodSeconds}
	 * @param loadBalancer the load balancer controller
	 * @param events the event log
	 * @param logDirectory where pod logs go
	 */
	public Deployment(PodTemplate template, PreStop preStop, Duration gracePeriod, LoadBalancerController loadBalancer,
			EventLog events, Path logDirectory) {
		this.template = template;
		this.preStop = preStop;
		this.gracePeriod = gracePeriod;
		this.loadBalancer = loadBalancer;
		this.events = events;
		this.logDirectory = logDirectory;
	}

	/**
	 * Start pods until there are {@code replicas}, all at once, and wait until they are
	 * ready.
	 * @param replicas the number of pods
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void scaleTo(int replicas) throws InterruptedException {
		List<Pod> started = new ArrayList<>();
		while (this.pods.size() + started.size() < replicas) {
			started.add(startPod());
		}
		for (Pod pod : started) {
			this.loadBalancer.awaitHealthy(pod, READY_TIMEOUT);
			this.pods.add(pod);
		}
	}

	/**
	 * Return the current (not terminating) pods.
	 * @return the pods
	 */
	public List<Pod> pods() {
		return List.copyOf(this.pods);
	}

	/**
	 * Replace every pod, one at a time.
	 * @return the result
	 * @throws InterruptedException if interrupted while waiting
	 */
	public RolloutResult rollout() throws InterruptedException {
		LabClock clock = this.events.clock();
		long start = clock.nanos();
		this.events.record("-", Event.Kind.ROLLOUT_STARTED, "replacing " + this.pods.size() + " pods");
		List<CompletableFuture<Termination>> terminations = new ArrayList<>();
		for (Pod old : List.copyOf(this.pods)) {
			Pod fresh = startPod();
			this.loadBalancer.awaitHealthy(fresh, READY_TIMEOUT);
			this.pods.add(fresh);
			this.pods.remove(old);
			terminations.add(terminate(old));
		}
		Duration readyAfter = Duration.ofNanos(clock.nanos() - start);
		List<Termination> results = new ArrayList<>();
		for (CompletableFuture<Termination> termination : terminations) {
			try {
				results.add(termination.get());
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Termination failed", ex.getCause());
			}
		}
		Duration duration = Duration.ofNanos(clock.nanos() - start);
		this.events.record("-", Event.Kind.ROLLOUT_FINISHED, "in %.1f s".formatted(duration.toMillis() / 1000.0));
		return new RolloutResult(duration, readyAfter, results);
	}

	private Pod startPod() {
		String name = "pod-" + this.sequence.incrementAndGet();
		Pod pod = Pod.start(name, this.template, this.logDirectory);
		synchronized (this.allPods) {
			this.allPods.add(pod);
		}
		this.events.record(name, Event.Kind.STARTED,
				"pid " + pod.pid() + ", ports " + pod.port() + "/" + pod.managementPort());
		this.loadBalancer.register(pod);
		return pod;
	}

	private CompletableFuture<Termination> terminate(Pod pod) {
		CompletableFuture<Termination> result = new CompletableFuture<>();
		long deletedAt = this.events
			.record(pod.name(), Event.Kind.DELETED,
					"preStop " + this.preStop.describe() + ", grace " + this.gracePeriod.toSeconds() + " s")
			.nanos();
		CompletableFuture<LoadBalancerController.Deregistration> deregistered = this.loadBalancer.deleted(pod);
		Thread kubelet = new Thread(() -> {
			try {
				Termination termination = kubelet(pod, deletedAt);
				LoadBalancerController.Deregistration deregistration = deregistered.get();
				result.complete(new Termination(termination.pod(), termination.duration(), termination.exitCode(),
						termination.killed(), termination.preStop(), deregistration.lag(),
						deregistration.lastNodeLag()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				result.completeExceptionally(ex);
			}
			catch (ExecutionException | RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		}, "kubelet-" + pod.name());
		kubelet.setDaemon(true);
		kubelet.start();
		return result;
	}

	private Termination kubelet(Pod pod, long deletedAt) throws InterruptedException, ExecutionException {
		LabClock clock = this.events.clock();
		long deadline = deletedAt + this.gracePeriod.toNanos();
		String preStopOutcome = "none";
		if (this.preStop.present()) {
			preStopOutcome = this.preStop.run(pod, Duration.ofNanos(deadline - clock.nanos()));
			this.events.record(pod.name(), Event.Kind.PRESTOP_DONE, preStopOutcome);
		}
		if (clock.nanos() >= deadline) {
			// The kubelet grants a one-off 2 s extension when the hook used up the grace
			// period.
			deadline = clock.nanos() + PRESTOP_OVERRUN_EXTENSION.toNanos();
		}
		if (pod.alive()) {
			this.events.record(pod.name(), Event.Kind.SIGTERM, "");
			pod.sigterm();
		}
		boolean killed = false;
		if (!pod.awaitExit(Duration.ofNanos(deadline - clock.nanos()))) {
			this.events.record(pod.name(), Event.Kind.SIGKILL,
					"grace period of " + this.gracePeriod.toSeconds() + " s spent");
			pod.sigkill();
			killed = true;
		}
		int exitCode = pod.exit().get();
		long exitedAt = this.events.record(pod.name(), Event.Kind.EXITED, "exit code " + exitCode).nanos();
		return new Termination(pod.name(), Duration.ofNanos(exitedAt - deletedAt), exitCode, killed, preStopOutcome,
				Duration.ZERO);
	}

	/**
	 * Kill every pod that still runs.
	 */
	@Override
	public void close() {
		List<Pod> all;
		synchronized (this.allPods) {
			all = List.copyOf(this.allPods);
		}
		all.forEach(Pod::destroy);
	}

}
