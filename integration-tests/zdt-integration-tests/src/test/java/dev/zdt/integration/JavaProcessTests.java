package dev.zdt.integration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JavaProcess}, with a tiny program instead of the sample app.
 */
class JavaProcessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void sigtermShouldRunShutdownHooksAndExitWith143() {
		try (JavaProcess process = startTinyProgram("a", "b")) {
			assertThat(process.log().awaitLineContaining("started with a,b", TIMEOUT)).isPresent();
			process.sigterm();
			assertThat(process.awaitExit(TIMEOUT)).isEqualTo(143);
			assertThat(process.log().linesContaining("shutdown hook ran")).hasSize(1);
			assertThat(process.log().linesContaining("not terminated")).isEmpty();
		}
	}

	@Test
	void sigintShouldRunShutdownHooksAndExitWith130() {
		List<String> command = List.of("-cp", System.getProperty("java.class.path"), SigtermAwareMain.class.getName());
		try (JavaProcess process = JavaProcess.startWithDefaultSigint(command, this.directory.resolve("int.log"))) {
			assertThat(process.log().awaitLineContaining("started with", TIMEOUT)).isPresent();
			process.sigint();
			assertThat(process.awaitExit(TIMEOUT)).isEqualTo(130);
			assertThat(process.log().linesContaining("shutdown hook ran")).hasSize(1);
		}
	}

	@Test
	void closeShouldKillAProcessStillRunning() {
		JavaProcess process = startTinyProgram();
		assertThat(process.log().awaitLineContaining("started with", TIMEOUT)).isPresent();
		process.close();
		assertThat(process.isAlive()).isFalse();
	}

	@Test
	void awaitExitShouldFailWithTheLogWhenTheProcessKeepsRunning() {
		try (JavaProcess process = startTinyProgram("x")) {
			assertThat(process.log().awaitLineContaining("started with", TIMEOUT)).isPresent();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> process.awaitExit(Duration.ofMillis(100)))
				.withMessageContaining("still running")
				.withMessageContaining("started with x");
		}
	}

	private JavaProcess startTinyProgram(String... args) {
		List<String> command = new ArrayList<>(
				List.of("-cp", System.getProperty("java.class.path"), SigtermAwareMain.class.getName()));
		command.addAll(List.of(args));
		return JavaProcess.start(command, this.directory.resolve("tiny.log"));
	}

}
