package dev.zdt.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code k8s/locust/locustfile.py} runs headless against the app (Debian's python3-locust,
 * which .ci/setup installs) and sees no failure.
 */
@SampleAppTest
class LocustfileIntegrationTests {

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Duration LOAD = Duration.ofSeconds(4);

	@LocalServerPort
	private int port;

	@Test
	void locustfileRunsAgainstTheAppWithoutFailures() throws Exception {
		Path locustfile = Path.of(System.getProperty("zdt.k8s.dir", "../k8s"), "locust", "locustfile.py");
		assertThat(locustfile).isRegularFile();
		assertThat(PYTHON).as("python3 is missing: apt-get install python3-locust (.ci/setup does)").isExecutable();
		ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "locust", "-f", locustfile.toString(),
				"--headless", "-u", "5", "-r", "5", "--only-summary", "--host", "http://127.0.0.1:" + this.port)
			.redirectErrorStream(true);
		// Short think time: a few seconds still make a hundred or so requests of every kind.
		builder.environment().put("WAIT_MIN_S", "0.02");
		builder.environment().put("WAIT_MAX_S", "0.1");
		Process process = builder.start();
		StringBuilder output = new StringBuilder();
		CountDownLatch spawned = new CountDownLatch(1);
		Thread reader = new Thread(() -> read(process, output, spawned), "locust-output");
		reader.start();

		// Not --run-time: under load gevent's cached clock can end the run before it starts.
		boolean started = spawned.await(60, TimeUnit.SECONDS);
		if (started) {
			Thread.sleep(LOAD.toMillis());
		}
		// SIGTERM through the handle: Process.destroy() would also close the output we still read.
		process.toHandle().destroy();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("locust stopped on SIGTERM").isTrue();
		reader.join(TimeUnit.SECONDS.toMillis(10));

		String text;
		synchronized (output) {
			text = output.toString();
		}
		assertThat(started).as("locust spawned its users: %s", text).isTrue();
		assertThat(process.exitValue()).as(text).isZero();
		assertThat(text).contains("/api/work", "/ (page)", "/api/scores (submit)")
			.containsPattern("Aggregated\\s+[1-9]\\d*\\s+0\\(0\\.00%\\)");
	}

	private static void read(Process process, StringBuilder output, CountDownLatch spawned) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				synchronized (output) {
					output.append(line).append('\n');
				}
				if (line.contains("All users spawned")) {
					spawned.countDown();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
