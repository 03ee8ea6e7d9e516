package dev.zdt.lab.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.zdt.lab.load.LoadReport;

/**
 * What one lab run measured.
 *
 * @param spec the run
 * @param load what the load saw
 * @param rollouts the rolling updates
 * @param events everything that happened, by time
 * @param loadBalancerErrors HAProxy's abnormal requests by status and termination state
 * (e.g. {@code 503 SC--})
 * @param directory where the configuration and logs of the run are
 * @author zdt
 */
public record RunResult(RunSpec spec, LoadReport load, List<RolloutResult> rollouts, List<Event> events,
		Map<String, Long> loadBalancerErrors, Path directory) {

	/**
	 * Return every termination of every rollout.
	 * @return the terminations
	 */
	public List<Termination> terminations() {
		return this.rollouts.stream().flatMap((rollout) -> rollout.terminations().stream()).toList();
	}

	/**
	 * Return the median time from deletion to exit.
	 * @return the median termination time
	 */
	public Duration medianTermination() {
		return median(terminations().stream().mapToLong((t) -> t.duration().toNanos()).toArray());
	}

	/**
	 * Return the longest time from deletion to exit.
	 * @return the maximum termination time
	 */
	public Duration maxTermination() {
		return Duration.ofNanos(terminations().stream().mapToLong((t) -> t.duration().toNanos()).max().orElse(0));
	}

	/**
	 * Return the median duration of the rollouts.
	 * @return the median rollout time
	 */
	public Duration medianRollout() {
		return median(this.rollouts.stream().mapToLong((r) -> r.duration().toNanos()).toArray());
	}

	/**
	 * Return how many pods were killed with SIGKILL.
	 * @return the number of killed pods
	 */
	public long killed() {
		return terminations().stream().filter(Termination::killed).count();
	}

	/**
	 * Return a multi-line summary.
	 * @return the summary
	 */
	public String summary() {
		StringBuilder summary = new StringBuilder();
		summary.append(this.spec.describe()).append('\n');
		summary.append("  load: ").append(this.load.summary()).append('\n');
		summary.append("  haproxy: ").append(this.loadBalancerErrors).append('\n');
		for (RolloutResult rollout : this.rollouts) {
			summary.append("  rollout: %.1f s (new pods ready after %.1f s)%n"
				.formatted(rollout.duration().toMillis() / 1000.0, rollout.readyAfter().toMillis() / 1000.0));
			rollout.terminations().forEach((t) -> summary.append("    ").append(t).append('\n'));
		}
		summary.append("  logs: ").append(this.directory);
		return summary.toString();
	}

	static Duration median(long[] values) {
		if (values.length == 0) {
			return Duration.ZERO;
		}
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return Duration.ofNanos((sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
	}

}
