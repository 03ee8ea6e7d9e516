package dev.zdt.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample app's log and probes must show around a drain, shared by the scenarios.
 */
final class DrainLog {

	static final String DRAIN_STARTED = "zdt: drain started";

	static final String HOLD_ENDED = "zdt: hold ended";

	static final String SHUTDOWN_COMPLETE = "zdt: shutdown complete";

	private static final Pattern HELD = Pattern.compile("held=([0-9.]+)s");

	private DrainLog() {
	}

	/**
	 * Returns when the drain started, from its log line.
	 * @param log the app's log
	 * @return the time stamp of the line
	 */
	static Instant drainStartedAt(LogFile log) {
		return LogFile.timestampOf(log.firstLineContaining(DRAIN_STARTED)
			.orElseThrow(() -> new AssertionError("No '" + DRAIN_STARTED + "'; " + log.tail(40))));
	}

	/**
	 * Waits for the drain to start.
	 * @param log the app's log
	 * @param timeout how long to wait
	 * @return the log line
	 */
	static String awaitDrainStarted(LogFile log, Duration timeout) {
		return log.awaitLineContaining(DRAIN_STARTED, timeout)
			.orElseThrow(
					() -> new AssertionError("No '" + DRAIN_STARTED + "' within " + timeout + "; " + log.tail(40)));
	}

	/**
	 * Waits for the hold to end.
	 * @param log the app's log
	 * @param timeout how long to wait
	 * @return the log line
	 */
	static String awaitHoldEnded(LogFile log, Duration timeout) {
		return log.awaitLineContaining(HOLD_ENDED, timeout)
			.orElseThrow(() -> new AssertionError("No '" + HOLD_ENDED + "' within " + timeout + "; " + log.tail(40)));
	}

	/**
	 * Returns how long the hold lasted, from its log line.
	 * @param holdEnded the line that says the hold ended
	 * @return the {@code held=} of the line
	 */
	static Duration heldOf(String holdEnded) {
		Matcher held = HELD.matcher(holdEnded);
		if (!held.find()) {
			throw new AssertionError("No held=...s in '" + holdEnded + "'");
		}
		return Duration.ofNanos(Math.round(Double.parseDouble(held.group(1)) * 1e9));
	}

	/**
	 * Polls readiness until it answers 503.
	 * @param app the app
	 * @param since the {@link System#nanoTime()} of the trigger
	 * @return the time from the trigger to the first 503
	 */
	static Duration awaitNotReady(SampleApp app, long since) {
		boolean notReady = Poll.until(Duration.ofSeconds(5), () -> app.readinessStatus().orElse(-1) == 503);
		Duration after = Duration.ofNanos(System.nanoTime() - since);
		assertThat(notReady).as("readiness 503 within 5 s; %s", app.log().tail(20)).isTrue();
		return after;
	}

	/**
	 * Asserts one drain, one hold, and the order: drain, hold end, the web server's
	 * graceful shutdown, shutdown complete.
	 * @param log the log of an app that has exited
	 * @param trigger the expected {@code trigger=...} of the drain
	 */
	static void assertOneDrainThenGracefulShutdown(LogFile log, String trigger) {
		List<String> started = log.linesContaining(DRAIN_STARTED);
		assertThat(started).as("one drain started line; %s", log).hasSize(1);
		assertThat(started.get(0)).contains("trigger=" + trigger).contains("min-hold=").contains("max-hold=");
		assertThat(log.linesContaining(HOLD_ENDED)).as("one hold ended line; %s", log).hasSize(1);
		assertThat(log.linesContaining(SHUTDOWN_COMPLETE)).as("shutdown complete; %s", log).hasSize(1);
		int holdEnded = log.indexOfLineContaining(HOLD_ENDED);
		assertThat(log.indexOfLineContaining(DRAIN_STARTED)).isLessThan(holdEnded);
		assertThat(log.indexOfLineContaining("Graceful shutdown complete"))
			.as("the web server's graceful shutdown runs after the hold; %s", log)
			.isGreaterThan(holdEnded);
		assertThat(log.indexOfLineContaining(SHUTDOWN_COMPLETE)).isGreaterThan(holdEnded);
	}

}
