package dev.zdt.shutdownbench.worker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled cleanup: 3 s per run, a run cut short is one that started and never
 * ended.
 */
@Component
class Cleanup {

	private final AtomicInteger runs = new AtomicInteger();

	private final Journal journal;

	Cleanup(Journal journal) {
		this.journal = journal;
	}

	@Scheduled(fixedDelayString = "${bench.cleanup-delay:1s}")
	void run() {
		int run = this.runs.incrementAndGet();
		this.journal.write("cleanup-start " + run);
		Work.take(Duration.ofSeconds(3));
		this.journal.write("cleanup-end " + run);
	}

}
