package dev.zdt.sample.exports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled cleanup on a directory of exports of several ages, at a fixed instant.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportCleanupTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final Duration RETENTION = Duration.ofHours(1);

	@TempDir
	private Path directory;

	@Test
	void aRunDeletesTheExportsOlderThanTheRetentionAndLogsItsStartAndFinish(CapturedOutput output) throws IOException {
		Path old = export("old.json", NOW.minus(RETENTION).minusSeconds(1));
		Path recent = export("recent.json", NOW.minus(RETENTION).plusSeconds(1));
		Path partial = export("unfinished.partial", NOW.minus(Duration.ofDays(1)));
		ExportCleanup cleanup = cleanup(Duration.ZERO);

		assertThat(cleanup.run()).isOne();
		assertThat(cleanup.run()).isZero();

		assertThat(old).doesNotExist();
		assertThat(recent).exists();
		assertThat(partial).exists();
		assertThat(output.getOut()).contains("cleanup run 1 started", "cleanup run 1 finished, deleted 1 export(s)",
				"cleanup run 2 started", "cleanup run 2 finished, deleted 0 export(s)");
	}

	@Test
	void aRunWithNoExportsYetDeletesNothing() {
		ExportCleanup cleanup = new ExportCleanup(new ExportFiles(this.directory.resolve("none")), RETENTION,
				Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(cleanup.run()).isZero();
	}

	@Test
	void aRunTakesAtLeastTheConfiguredDuration() {
		Duration duration = Duration.ofMillis(300);
		ExportCleanup cleanup = cleanup(duration);
		long started = System.nanoTime();

		cleanup.run();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(duration);
	}

	private ExportCleanup cleanup(Duration duration) {
		return new ExportCleanup(new ExportFiles(this.directory), RETENTION, duration,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private Path export(String name, Instant modified) throws IOException {
		Path file = Files.writeString(this.directory.resolve(name), "{}");
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

}
