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
 * @param lag the deregistration lag drawn for this pod
 * @author zdt
 */
public record Termination(String pod, Duration duration, int exitCode, boolean killed, String preStop, Duration lag) {

	@Override
	public String toString() {
		return "%s: exited %d after %.1f s%s (preStop: %s, lag %.1f s)".formatted(this.pod, this.exitCode,
				this.duration.toMillis() / 1000.0, this.killed ? " (SIGKILL)" : "", this.preStop,
				this.lag.toMillis() / 1000.0);
	}

}
