package dev.zdt.core.work;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.time.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownParticipantsTests {

	private final RecordingLogger logger = new RecordingLogger();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseStuckParticipants() {
		this.release.countDown();
	}

	@Test
	void participantsHearTheDrainInOrderAndAreAwaitedAfterTheHold() throws Exception {
		Recording participant = new Recording("jobs", 3);
		ShutdownParticipants participants = participants(participant);
		participants.drainStarted(null);
		participants.holdEnded(null);
		Map<String, Long> unfinished = participants.shutdown(Duration.ofSeconds(10));
		assertThat(unfinished).containsExactly(Map.entry("jobs", 0L));
		assertThat(participant.calls).containsExactly("drainStarted", "holdEnded", "awaitFinished");
		assertThat(participants.unfinished()).containsExactly(Map.entry("jobs", 0L));
		assertThat(this.logger.warnings).isEmpty();
	}

	@Test
	void aShutdownWithoutADrainTellsTheParticipantsFirst() throws Exception {
		Recording participant = new Recording("jobs", 0);
		participants(participant).shutdown(Duration.ofSeconds(10));
		assertThat(participant.calls).containsExactly("drainStarted", "holdEnded", "awaitFinished");
	}

	@Test
	void aCancelledDrainMayStartOver() throws Exception {
		Recording participant = new Recording("jobs", 0);
		ShutdownParticipants participants = participants(participant);
		participants.drainStarted(null);
		participants.drainCancelled(DrainCancellation.REQUESTED);
		participants.drainStarted(null);
		participants.shutdown(Duration.ofSeconds(10));
		assertThat(participant.calls).containsExactly("drainStarted", "drainCancelled", "drainStarted", "holdEnded",
				"awaitFinished");
	}

	@Test
	void aParticipantThatThrowsOrHangsStopsNeitherTheDrainNorTheOthers() throws Exception {
		Recording healthy = new Recording("healthy", 2);
		ShutdownParticipant throwing = new Recording("throwing", 0) {
			@Override
			public void drainStarted() {
				throw new IllegalStateException("broken participant");
			}
		};
		ShutdownParticipant hanging = new Recording("hanging", 4) {
			@Override
			public void holdEnded() {
				awaitRelease();
			}
		};
		ShutdownParticipants participants = participants(throwing, hanging, healthy);
		participants.drainStarted(null);
		participants.holdEnded(null);
		long start = System.nanoTime();
		Map<String, Long> unfinished = participants.shutdown(Duration.ofMillis(500));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(unfinished).containsExactly(Map.entry("throwing", 0L), Map.entry("hanging", 4L),
				Map.entry("healthy", 0L));
		assertThat(healthy.calls).containsExactly("drainStarted", "holdEnded", "awaitFinished");
		assertThat(this.logger.warnings).anyMatch((line) -> line.contains("'throwing' failed in drainStarted"))
			.anyMatch((line) -> line.contains("'hanging' has not returned from holdEnded"))
			.anyMatch(
					(line) -> line.contains("4 unit(s) of work of the shutdown participant 'hanging' left unfinished"));
	}

	@Test
	void workInProgressIsReportedByParticipant() {
		ShutdownParticipant failing = new Recording("failing", 0) {
			@Override
			public long inProgress() {
				throw new IllegalStateException("cannot tell");
			}
		};
		ShutdownParticipants participants = participants(new Recording("jobs", 7), failing);
		assertThat(participants.inProgress()).containsExactly(Map.entry("jobs", 7L), Map.entry("failing", -1L));
		assertThat(participants.names()).containsExactly("jobs", "failing");
	}

	private ShutdownParticipants participants(ShutdownParticipant... participants) {
		return new ShutdownParticipants(List.of(participants), (task) -> {
			Thread thread = new Thread(task, "participant");
			thread.setDaemon(true);
			return thread;
		}, Ticker.system(), this.logger);
	}

	private void awaitRelease() {
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static class Recording implements ShutdownParticipant {

		final List<String> calls = new CopyOnWriteArrayList<>();

		private final String name;

		private final AtomicLong inProgress;

		Recording(String name, long inProgress) {
			this.name = name;
			this.inProgress = new AtomicLong(inProgress);
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void drainStarted() {
			this.calls.add("drainStarted");
		}

		@Override
		public void holdEnded() {
			this.calls.add("holdEnded");
		}

		@Override
		public void drainCancelled() {
			this.calls.add("drainCancelled");
		}

		@Override
		public long inProgress() {
			return this.inProgress.get();
		}

		@Override
		public long awaitFinished(Duration timeout) {
			this.calls.add("awaitFinished");
			this.inProgress.set(0);
			return 0;
		}

	}

	private static final class RecordingLogger implements System.Logger {

		final List<String> warnings = new CopyOnWriteArrayList<>();

		@Override
		public String getName() {
			return "test";
		}

		@Override
		public boolean isLoggable(Level level) {
			return true;
		}

		@Override
		public void log(Level level, Supplier<String> message, Throwable thrown) {
			record(level, message.get());
		}

		@Override
		public void log(Level level, Supplier<String> message) {
			record(level, message.get());
		}

		@Override
		public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
			record(level, message);
		}

		@Override
		public void log(Level level, ResourceBundle bundle, String format, Object... params) {
			record(level, format);
		}

		private void record(Level level, String message) {
			if (level == Level.WARNING) {
				this.warnings.add(message);
			}
		}

	}

}
