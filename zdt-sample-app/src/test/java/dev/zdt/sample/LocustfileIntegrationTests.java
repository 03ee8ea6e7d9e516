package dev.zdt.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import dev.zdt.testsupport.net.FreePorts;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code k8s/locust/locustfile.py} runs headless against the app (Debian's
 * python3-locust, which .ci/setup installs) and sees no failure; against a broken app it
 * fails and names why; and the Locust image the Helm values run in the cluster is the
 * version tested here.
 */
@SampleAppTest
class LocustfileIntegrationTests {

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Path LOCUST_DIR = Path.of(System.getProperty("zdt.k8s.dir", "../k8s"), "locust");

	private static final Duration LOAD = Duration.ofSeconds(6);

	@LocalServerPort
	private int port;

	@Test
	void locustfileRunsAgainstTheAppWithoutFailures() throws Exception {
		LocustRun run = runLocust("http://127.0.0.1:" + this.port, LOAD);
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("/api/work", "/ (page)", "/api/scores (submit)")
			.containsPattern("Aggregated\\s+[1-9]\\d*\\s+0\\(0\\.00%\\)");
	}

	@Test
	void locustfileCountsAnAnswerThatIsNotTheAppsAsFailureInsteadOfCrashing() throws Exception {
		HttpServer notTheApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		notTheApp.createContext("/", (exchange) -> {
			byte[] body = "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		notTheApp.start();
		try {
			String text = runLocust("http://127.0.0.1:" + notTheApp.getAddress().getPort(), Duration.ofSeconds(2))
				.output();
			assertThat(text).contains("list: not JSON", "page: not the game", "work: unexpected body")
				.doesNotContain("JSONDecodeError", "Traceback");
		}
		finally {
			notTheApp.stop(0);
		}
	}

	@Test
	void locustfileNamesAConnectionErrorByItsKind() throws Exception {
		int closedPort = FreePorts.find();
		String text = runLocust("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2)).output();
		assertThat(text).contains("work: connection refused").doesNotContain("HTTP 0");
	}

	@Test
	void helmValuesRunTheLocustVersionTestedHere() throws Exception {
		// Debian's package carries no version in its Python metadata (locust --version
		// prints none): ask dpkg.
		Process dpkg = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "python3-locust")
			.redirectErrorStream(true)
			.start();
		String output = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(dpkg.waitFor(60, TimeUnit.SECONDS)).isTrue();
		Matcher installed = Pattern.compile("^(?:\\d+:)?(\\d+\\.\\d+\\.\\d+)").matcher(output);
		assertThat(installed.find()).as("dpkg-query python3-locust printed: %s", output).isTrue();

		Map<String, Object> values = new Yaml().load(Files.readString(LOCUST_DIR.resolve("values.yaml")));
		@SuppressWarnings("unchecked")
		Map<String, Object> image = (Map<String, Object>) values.get("image");
		assertThat(String.valueOf(image.get("tag"))).as("image.tag in k8s/locust/values.yaml")
			.isEqualTo(installed.group(1));
	}

	/**
	 * Runs the locustfile headless against a host and returns what Locust printed,
	 * summary included.
	 */
	private static LocustRun runLocust(String host, Duration load) throws Exception {
		Path locustfile = LOCUST_DIR.resolve("locustfile.py");
		assertThat(locustfile).isRegularFile();
		assertThat(PYTHON).as("python3 is missing: apt-get install python3-locust (.ci/setup does)").isExecutable();
		ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "locust", "-f", locustfile.toString(),
				"--headless", "-u", "5", "-r", "5", "--only-summary", "--host", host)
			.redirectErrorStream(true);
		// Short think time: a few seconds still make a hundred or so requests of every
		// kind.
		builder.environment().put("WAIT_MIN_S", "0.02");
		builder.environment().put("WAIT_MAX_S", "0.1");
		Process process = builder.start();
		StringBuilder output = new StringBuilder();
		CountDownLatch spawned = new CountDownLatch(1);
		Thread reader = new Thread(() -> read(process, output, spawned), "locust-output");
		reader.start();

		// Not --run-time: under load gevent's cached clock can end the run before it
		// starts.
		boolean started = spawned.await(60, TimeUnit.SECONDS);
		if (started) {
			Thread.sleep(load.toMillis());
		}
		// SIGTERM through the handle: Process.destroy() would also close the output we
		// still read.
		process.toHandle().destroy();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("locust stopped on SIGTERM").isTrue();
		reader.join(TimeUnit.SECONDS.toMillis(10));

		String text;
		synchronized (output) {
			text = output.toString();
		}
		assertThat(started).as("locust spawned its users: %s", text).isTrue();
		return new LocustRun(text, process.exitValue());
	}

	private record LocustRun(String output, int exitCode) {
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
