package dev.zdt.sample.exports;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.sample.work.SimulatedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes exports older than {@code sample.exports.retention}, every
 * {@code sample.cleanup.interval}. A run takes at least {@code sample.cleanup.duration}
 * and logs one line when it starts and one when it finishes, so a run that a shutdown cut
 * short shows as a start without a finish.
 *
 * @author zdt authors
 */
public class ExportCleanup {

	private static final Log logger = LogFactory.getLog(ExportCleanup.class);

	private final AtomicInteger runs = new AtomicInteger();

	private final ExportFiles files;

	private final Duration retention;

	private final Duration duration;

	private final Clock clock;

	/**
	 * Creates the cleanup.
	 * @param files the exports to clean up
	 * @param retention how long an export is kept
	 * @param duration the least time a run takes
	 * @param clock the clock that ages the exports
	 */
	public ExportCleanup(ExportFiles files, Duration retention, Duration duration, Clock clock) {
		this.files = files;
		this.retention = retention;
		this.duration = duration;
		this.clock = clock;
	}

	/**
	 * Runs the cleanup once.
	 * @return how many exports were deleted
	 */
	@Scheduled(fixedDelayString = "${sample.cleanup.interval:10s}")
	public int run() {
		int run = this.runs.incrementAndGet();
		logger.info("cleanup run " + run + " started");
		long started = System.nanoTime();
		int deleted = this.files.deleteOlderThan(this.clock.instant().minus(this.retention));
		SimulatedWork.take(this.duration.minusNanos(System.nanoTime() - started));
		logger.info("cleanup run " + run + " finished, deleted " + deleted + " export(s)");
		return deleted;
	}

}
