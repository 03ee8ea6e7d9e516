package dev.zdt.lab.work;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CleanupRuns}.
 *
 * @author zdt
 */
class CleanupRunsTests {

	@Test
	void aRunWithoutItsFinishedLineWasCut() {
		CleanupRuns runs = CleanupRuns.in("""
				cleanup run 1 started
				cleanup run 1 finished, deleted 0 export(s)
				cleanup run 2 started
				""");
		assertThat(runs).isEqualTo(new CleanupRuns(2, 1));
	}

	@Test
	void runNumbersAreMatchedWholeNotByPrefix() {
		CleanupRuns runs = CleanupRuns.in("""
				cleanup run 1 started
				cleanup run 10 started
				cleanup run 10 finished, deleted 0 export(s)
				""");
		assertThat(runs).isEqualTo(new CleanupRuns(2, 1));
	}

	@Test
	void aLogWithoutCleanupHasNoRuns() {
		assertThat(CleanupRuns.in("Started SampleApplication in 3.2 seconds")).isEqualTo(new CleanupRuns(0, 0));
	}

}
