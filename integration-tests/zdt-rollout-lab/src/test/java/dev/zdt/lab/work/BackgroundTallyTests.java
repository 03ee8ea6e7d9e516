package dev.zdt.lab.work;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundTally}.
 *
 * @author zdt
 */
class BackgroundTallyTests {

	private static final ExportDriver.Requests NO_EXPORTS = new ExportDriver.Requests(List.of(), List.of());

	@Test
	void eventsProcessedOnceAreNeitherLostNorTwice() {
		BackgroundTally tally = BackgroundTally.count(List.of("e-0", "e-1"),
				Map.of("e-0", List.of("pod-1"), "e-1", List.of("pod-2")), NO_EXPORTS, Set.of(), List.of(), 0);
		assertThat(tally.eventsProduced()).isEqualTo(2);
		assertThat(tally.eventsLost()).isZero();
		assertThat(tally.eventsTwice()).isZero();
		assertThat(tally.eventsTwiceByPod()).isEmpty();
	}

	@Test
	void anEventMissingFromTheProcessedTopicIsLost() {
		BackgroundTally tally = BackgroundTally.count(List.of("e-0", "e-1", "e-2"), Map.of("e-1", List.of("pod-1")),
				NO_EXPORTS, Set.of(), List.of(), 0);
		assertThat(tally.eventsLost()).isEqualTo(2);
	}

	@Test
	void everyProcessingBeyondTheFirstCountsAndNamesItsPods() {
		BackgroundTally tally = BackgroundTally.count(List.of("e-0", "e-1"),
				Map.of("e-0", List.of("pod-1", "pod-3"), "e-1", List.of("pod-1", "pod-3", "pod-3")), NO_EXPORTS,
				Set.of(), List.of(), 0);
		assertThat(tally.eventsTwice()).isEqualTo(3);
		assertThat(tally.eventsTwiceByPod()).isEqualTo("pod-1=2 pod-3=3");
	}

	@Test
	void processedRecordsOfEventsTheBrokerNeverAcknowledgedAreNotCounted() {
		BackgroundTally tally = BackgroundTally.count(List.of("e-0"),
				Map.of("e-0", List.of("pod-1"), "e-9", List.of("pod-1", "pod-2")), NO_EXPORTS, Set.of(), List.of(), 0);
		assertThat(tally.eventsTwice()).isZero();
		assertThat(tally.eventsLost()).isZero();
	}

	@Test
	void anAcceptedExportWithoutItsFileIsLostAndFailedRequestsAreNot() {
		ExportDriver.Requests exports = new ExportDriver.Requests(List.of("a", "b", "c"),
				List.of("status 503", "ConnectException"));
		BackgroundTally tally = BackgroundTally.count(List.of(), Map.of(), exports,
				Set.of("a.json", "c.json", "a.json.tmp"), List.of(), 0);
		assertThat(tally.exportsAccepted()).isEqualTo(3);
		assertThat(tally.exportsFailed()).isEqualTo(2);
		assertThat(tally.exportsLost()).isEqualTo(1);
	}

	@Test
	void cleanupRunsAreCountedOverTheTerminatedPodsLogs() {
		String finished = """
				12:00:00 INFO ExportCleanup : cleanup run 1 started
				12:00:03 INFO ExportCleanup : cleanup run 1 finished, deleted 0 export(s)
				""";
		String cut = """
				12:00:00 INFO ExportCleanup : cleanup run 1 started
				12:00:03 INFO ExportCleanup : cleanup run 1 finished, deleted 2 export(s)
				12:00:08 INFO ExportCleanup : cleanup run 2 started
				""";
		BackgroundTally tally = BackgroundTally.count(List.of(), Map.of(), NO_EXPORTS, Set.of(), List.of(finished, cut),
				0);
		assertThat(tally.cleanupRuns()).isEqualTo(3);
		assertThat(tally.cleanupCut()).isEqualTo(1);
	}

	@Test
	void theSummarySaysTheLagWhenCounted() {
		BackgroundTally tally = BackgroundTally.count(List.of("e-0"), Map.of(), NO_EXPORTS, Set.of(), List.of(), 7);
		assertThat(tally.summary()).contains("lost 1").endsWith("lag when counted 7");
	}

}
