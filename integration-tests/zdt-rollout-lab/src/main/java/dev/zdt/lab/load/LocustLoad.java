package dev.zdt.lab.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Locust (Debian's {@code python3-locust}) with the project's locustfile, headless,
 * stopped with SIGTERM (Locust then prints its statistics and error report, which are
 * parsed). Locust is closed-loop, so the rate depends on the locustfile's wait time and
 * the number of users; it gives no per-second timeline.
 *
 * @author zdt
 */
public final class LocustLoad implements Load {

	private static final Pattern AGGREGATED = Pattern.compile("^\\s*Aggregated\\s+(\\d+)\\s+(\\d+)\\(");

	// "2 GET /api/work: CatchResponseError('work: HTTP 0')"
	private static final Pattern ERROR = Pattern.compile("^\\s*(\\d+)\\s+([A-Z]+ .*\\S)\\s*$");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	// "HTTPError('503 Server Error: ...')" for plain requests, "work: HTTP 503" from the
	// locustfile's checks
	private static final Pattern STATUS = Pattern
		.compile("(?:HTTP ([1-9]\\d{2})\\b|([1-9]\\d{2}) (?:Server|Client) Error)");

	private final List<String> command;

	private final Path output;

	private @Nullable Process process;

	LocustLoad(List<String> command, Path output) {
		this.command = command;
		this.output = output;
	}

	/**
	 * Return Locust against the given port. The locustfile is {@code zdt.lab.locustfile}
	 * or {@code k8s/locust/locustfile.py} of the repository; the number of users is
	 * {@code zdt.lab.locust-users} or what makes about the rate with the locustfile's
	 * think time (0.5 to 2 s, 1.6 requests per task).
	 * @param port the load balancer port
	 * @param rate the wanted requests per second (sizes the number of users)
	 * @param directory where Locust's output goes
	 * @return the load
	 */
	public static LocustLoad forRate(int port, double rate, Path directory) {
		Path locustfile = locustfile();
		String users = System.getProperty("zdt.lab.locust-users", String.valueOf(Math.max(1, Math.round(rate * 0.8))));
		List<String> command = List.of("/usr/bin/python3", "-m", "locust", "-f", locustfile.toString(), "--headless",
				"--users", users, "--spawn-rate", users, "--host", "http://127.0.0.1:" + port, "--run-time", "2h",
				"--only-summary");
		return new LocustLoad(command, directory.resolve("locust.log"));
	}

	static Path locustfile() {
		String configured = System.getProperty("zdt.lab.locustfile");
		if (configured != null) {
			return Path.of(configured);
		}
		for (Path candidate : List.of(Path.of("k8s/locust/locustfile.py"), Path.of("../../k8s/locust/locustfile.py"))) {
			if (Files.isRegularFile(candidate)) {
				return candidate.toAbsolutePath();
			}
		}
		throw new IllegalStateException("No k8s/locust/locustfile.py found; set -Dzdt.lab.locustfile");
	}

	/**
	 * Start Locust and wait until all its users run (starting Python takes seconds on a
	 * busy machine).
	 */
	@Override
	public void start() {
		try {
			Process process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(this.output.toFile())
				.start();
			this.process = process;
			long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
			while (!Files.readString(this.output).contains("All users spawned")) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					process.destroyForcibly();
					throw new IllegalStateException("Locust did not start:\n" + Files.readString(this.output));
				}
				TimeUnit.MILLISECONDS.sleep(200);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Locust (apt-get install python3-locust)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while Locust started", ex);
		}
	}

	@Override
	public LoadReport stop() throws InterruptedException {
		Process process = this.process;
		if (process != null) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		try {
			return parse(Files.readString(this.output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static LoadReport parse(String output) {
		long requests = 0;
		long failures = 0;
		Map<Integer, Long> statuses = new TreeMap<>();
		Map<String, Long> clientErrors = new TreeMap<>();
		boolean errorReport = false;
		for (String line : output.split("\n")) {
			Matcher aggregated = AGGREGATED.matcher(line);
			if (aggregated.find() && requests == 0) {
				requests = Long.parseLong(aggregated.group(1));
				failures = Long.parseLong(aggregated.group(2));
			}
			if (line.contains("Error report")) {
				errorReport = true;
			}
			Matcher error = ERROR.matcher(line);
			if (errorReport && error.find()) {
				long count = Long.parseLong(error.group(1));
				Matcher status = STATUS.matcher(error.group(2));
				if (status.find()) {
					String code = (status.group(1) != null) ? status.group(1) : status.group(2);
					statuses.merge(Integer.parseInt(code), count, Long::sum);
				}
				else {
					String text = error.group(2);
					String kind = text.contains("HTTP 0") ? "connection error" : text.substring(text.indexOf(": ") + 2);
					clientErrors.merge(kind, count, Long::sum);
				}
			}
		}
		long ok = requests - failures;
		statuses.merge(200, ok, Long::sum);
		return new LoadReport(requests, requests, ok, statuses, clientErrors, Duration.ZERO, Duration.ZERO,
				Duration.ZERO, new Timeline());
	}

}
