package dev.zdt.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LogFile}.
 */
class LogFileTests {

	@TempDir
	Path directory;

	@Test
	void linesShouldLeaveOutALineStillBeingWritten() throws IOException {
		Path path = this.directory.resolve("app.log");
		Files.writeString(path, "first\nsecond\nthird, unfinish");
		LogFile log = new LogFile(path);
		assertThat(log.lines()).containsExactly("first", "second");
	}

	@Test
	void linesOfAMissingFileShouldBeEmpty() {
		assertThat(new LogFile(this.directory.resolve("none.log")).lines()).isEmpty();
	}

	@Test
	void searchesShouldFindLinesByText() throws IOException {
		Path path = this.directory.resolve("app.log");
		Files.writeString(path, "a zdt: drain started\nb other\nc zdt: hold ended\nd zdt: hold ended again\n");
		LogFile log = new LogFile(path);
		assertThat(log.linesContaining("zdt: hold ended")).hasSize(2);
		assertThat(log.firstLineContaining("zdt: hold ended")).hasValue("c zdt: hold ended");
		assertThat(log.indexOfLineContaining("drain started")).isZero();
		assertThat(log.indexOfLineContaining("absent")).isEqualTo(-1);
		assertThat(log.tail(1)).endsWith("d zdt: hold ended again");
	}

	@Test
	void awaitLineContainingShouldSeeALineWrittenLater() throws Exception {
		Path path = this.directory.resolve("app.log");
		Files.writeString(path, "starting\n");
		LogFile log = new LogFile(path);
		Thread writer = new Thread(() -> {
			try {
				Thread.sleep(200);
				Files.writeString(path, "starting\nstarted now\n");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		writer.start();
		assertThat(log.awaitLineContaining("started now", Duration.ofSeconds(10))).isPresent();
		writer.join();
		assertThat(log.awaitLineContaining("never", Duration.ofMillis(100))).isEmpty();
	}

	@Test
	void timestampOfShouldReadSpringBootsDefaultFormat() {
		assertThat(LogFile.timestampOf("2026-11-26T23:05:34.123Z  INFO 42 --- [app] [main] d.z.Foo : zdt: hold ended"))
			.isEqualTo(Instant.parse("2026-11-26T23:05:34.123Z"));
		assertThat(LogFile.timestampOf("2026-11-26T23:05:34.123+01:00  INFO 42 --- message"))
			.isEqualTo(Instant.parse("2026-11-26T22:05:34.123Z"));
	}

	@Test
	void timestampOfShouldRejectALineWithoutOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogFile.timestampOf("Caused by: boom"));
	}

}
