package dev.zdt.lab.report;

import java.util.Locale;
import java.util.stream.Collectors;

import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.Termination;
import dev.zdt.lab.work.BackgroundTally;

/**
 * One run of the background scenario as its table records it: the HTTP side of the run
 * and what its background work counted.
 *
 * @param scenario the scenario's id
 * @param label the scenario's name in tables
 * @param requests requests that completed
 * @param failedRequests LB 5xx responses and client errors
 * @param terminations each terminated pod's time from deletion to exit, e.g.
 * {@code 12.1 s, 14.0 s}
 * @param killed pods killed at the end of the grace period
 * @param tally what the background work counted
 * @param directory logs of the run
 * @author zdt
 */
public record BackgroundRun(String scenario, String label, long requests, long failedRequests, String terminations,
		long killed, BackgroundTally tally, String directory) {

	static final String CSV_HEADER = "scenario,requests,failed_requests,terminations,sigkill,exports_accepted,"
			+ "exports_failed,exports_lost,cleanup_runs,cleanup_cut,events_produced,events_lost,events_twice,"
			+ "events_twice_by_pod,lag_when_counted,directory";

	/**
	 * Record a run.
	 * @param result the lab run's result
	 * @param tally what its background work counted
	 * @return the run
	 */
	public static BackgroundRun of(RunResult result, BackgroundTally tally) {
		return new BackgroundRun(result.spec().scenario().id(), result.spec().scenario().label(),
				result.load().completed(), result.load().serverErrors() + result.load().clientErrors(),
				result.terminations().stream().map(BackgroundRun::seconds).collect(Collectors.joining(", ")),
				result.killed(), tally, result.directory().toString());
	}

	private static String seconds(Termination termination) {
		return String.format(Locale.ROOT, "%.1f s", termination.duration().toMillis() / 1000.0);
	}

	String csv() {
		BackgroundTally t = this.tally;
		return String.join(",", this.scenario, String.valueOf(this.requests), String.valueOf(this.failedRequests),
				quote(this.terminations), String.valueOf(this.killed), String.valueOf(t.exportsAccepted()),
				String.valueOf(t.exportsFailed()), String.valueOf(t.exportsLost()), String.valueOf(t.cleanupRuns()),
				String.valueOf(t.cleanupCut()), String.valueOf(t.eventsProduced()), String.valueOf(t.eventsLost()),
				String.valueOf(t.eventsTwice()), quote(t.eventsTwiceByPod()), String.valueOf(t.lagAtCount()),
				quote(this.directory));
	}

	private static String quote(String value) {
		return "\"" + value.replace("\"", "'") + "\"";
	}

}
