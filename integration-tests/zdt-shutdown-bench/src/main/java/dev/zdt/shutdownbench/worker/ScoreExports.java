package dev.zdt.shutdownbench.worker;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** The high-score export: a job that a request starts and that runs on {@code @Async}. */
@Service
class ScoreExports {

	private final Journal journal;

	private final Duration jobTime;

	ScoreExports(Journal journal, @Value("${bench.job-time:4s}") Duration jobTime) {
		this.journal = journal;
		this.jobTime = jobTime;
	}

	@Async
	public void export(String id) {
		Work.take(this.jobTime);
		this.journal.write("job-done " + id);
	}

}
