package dev.zdt.lab.work;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one run of the background scenario counted.
 *
 * @param exportsAccepted export jobs the app accepted ({@code 202})
 * @param exportsFailed export requests that failed (not accepted: an error the user saw)
 * @param exportsLost accepted export jobs whose file never appeared
 * @param cleanupRuns cleanup runs started in the pods that terminated
 * @param cleanupCut of those, runs that never finished
 * @param eventsProduced score events the broker acknowledged
 * @param eventsLost produced events the processed topic never got
 * @param eventsTwice processings beyond the first of an event
 * @param eventsTwiceByPod for each pod, the events it processed that another processing
 * of the same event also exists for (e.g. {@code pod-1=12 pod-3=12})
 * @param lagAtCount records of the score-events topic the consumer group had not
 * committed when the counting began (0: it had consumed everything)
 * @author zdt
 */
public record BackgroundTally(int exportsAccepted, int exportsFailed, int exportsLost, int cleanupRuns, int cleanupCut,
		int eventsProduced, int eventsLost, int eventsTwice, String eventsTwiceByPod, long lagAtCount) {

	/**
	 * Count.
	 * @param produced ids of the events the broker acknowledged
	 * @param processed for each event id, the pods that processed it, once per processing
	 * @param exports the export requests
	 * @param exportFiles names of the files in the export directory
	 * @param terminatedPodLogs the logs of the pods that were terminated
	 * @param lagAtCount the consumer group's lag when counting began
	 * @return the tally
	 */
	public static BackgroundTally count(List<String> produced, Map<String, List<String>> processed,
			ExportDriver.Requests exports, Set<String> exportFiles, Collection<String> terminatedPodLogs,
			long lagAtCount) {
		int lost = 0;
		int twice = 0;
		Map<String, Integer> twiceByPod = new TreeMap<>();
		for (String id : produced) {
			List<String> pods = processed.getOrDefault(id, List.of());
			if (pods.isEmpty()) {
				lost++;
			}
			else if (pods.size() > 1) {
				twice += pods.size() - 1;
				pods.forEach((pod) -> twiceByPod.merge(pod, 1, Integer::sum));
			}
		}
		int exportsLost = (int) exports.accepted().stream().filter((id) -> !exportFiles.contains(id + ".json")).count();
		CleanupRuns cleanup = terminatedPodLogs.stream()
			.map(CleanupRuns::in)
			.reduce(new CleanupRuns(0, 0), CleanupRuns::plus);
		StringBuilder byPod = new StringBuilder();
		twiceByPod.forEach((pod, count) -> byPod.append(byPod.isEmpty() ? "" : " ").append(pod + "=" + count));
		return new BackgroundTally(exports.accepted().size(), exports.failed().size(), exportsLost, cleanup.started(),
				cleanup.cut(), produced.size(), lost, twice, byPod.toString(), lagAtCount);
	}

	/**
	 * Return a one-line summary.
	 * @return the summary
	 */
	public String summary() {
		return ("exports accepted %d, failed %d, lost %d; cleanup runs %d, cut %d; score events produced %d, "
				+ "lost %d, processed twice %d%s; lag when counted %d")
			.formatted(this.exportsAccepted, this.exportsFailed, this.exportsLost, this.cleanupRuns, this.cleanupCut,
					this.eventsProduced, this.eventsLost, this.eventsTwice,
					this.eventsTwiceByPod.isEmpty() ? "" : " (" + this.eventsTwiceByPod + ")", this.lagAtCount);
	}

}
