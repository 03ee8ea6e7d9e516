package dev.zdt.lab.rollout;

import java.time.Duration;

/**
 * How one pod ended: the kubelet's side (preStop, SIGTERM, SIGKILL, exit) and the load
 * balancer controller's (the lag before {@code draining}).
 *
 * @param pod the pod name
 * @param duration from deletion to the end of the process
 * @param exitCode the process exit code (143 after SIGTERM, 137 after SIGKILL)
 * @param killed whether the grace period ran out and SIGKILL was sent
 * @param preStop what the preStop hook did
 * @param lag the deregistration lag drawn for this pod: from the deletion until the
 * target turned {@code draining}
 * @param lastNodeLag from the deletion until the last load balancer node stopped routing
 * to the pod ({@code lag} when there is one node)
 * @author zdt
 */
public record Termination(String pod, Duration duration, int exitCode, boolean killed, String preStop, Duration lag,
		Duration lastNodeLag) {

	/**
	 * Create the termination of a pod behind a single load balancer node.
	 * @param pod the pod name
	 * @param duration from deletion to the end of the process
	 * @param exitCode the process exit code
	 * @param killed whether SIGKILL was sent
	 * @param preStop what the preStop hook did
	 * @param lag the deregistration lag drawn for this pod
	 */
	public Termination(String pod, Duration duration, int exitCode, boolean killed, String preStop, Duration lag) {
		this(pod, duration, exitCode, killed, preStop, lag, lag);
	}

	@Override
	public String toString() {
		return "%s: exited %d after %.1f s%s (preStop: %s, lag %.1f s%s)".formatted(this.pod, this.exitCode,
				this.duration.toMillis() / 1000.0, this.killed ? " (SIGKILL)" : "", this.preStop,
				this.lag.toMillis() / 1000.0, this.lastNodeLag.equals(this.lag) ? ""
						: ", last LB node let go after %.1f s".formatted(this.lastNodeLag.toMillis() / 1000.0));
	}

}
