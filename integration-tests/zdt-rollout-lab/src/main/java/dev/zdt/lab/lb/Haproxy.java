package dev.zdt.lab.lb;

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

import dev.zdt.testsupport.net.FreePorts;
import org.jspecify.annotations.Nullable;

/**
 * A HAProxy process in the foreground ({@code -db}), owned by the lab and stopped by
 * {@link #close()}.
 *
 * @author zdt
 */
public final class Haproxy implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

	// httplog: ... Tq/Tw/Tc/Tr/Ta status bytes captured-cookies termination-state ...
	private static final Pattern LOG_LINE = Pattern.compile("\\s(\\d{3})\\s+-?\\d+\\s+\\S+\\s+\\S+\\s+(\\S{4})\\s");

	private final Process process;

	private final HaproxyConfig config;

	private final RuntimeApi runtimeApi;

	private final Path log;

	private Haproxy(Process process, HaproxyConfig config, Path log) {
		this.process = process;
		this.config = config;
		this.runtimeApi = new RuntimeApi(config.socket(), config.source());
		this.log = log;
	}

	/**
	 * Start HAProxy with a fresh configuration in the given directory, on a free loopback
	 * port.
	 * @param directory where the configuration, the log and the socket go
	 * @param healthCheck the health check of the targets
	 * @return the running HAProxy
	 */
	public static Haproxy start(Path directory, HealthCheck healthCheck) {
		return start(directory, healthCheck, null);
	}

	/**
	 * Start HAProxy with a fresh configuration in the given directory, on a free loopback
	 * port, reaching its targets from a source address.
	 * @param directory where the configuration, the log and the socket go
	 * @param healthCheck the health check of the targets
	 * @param source the loopback address connections to the targets leave from (e.g.
	 * {@code 127.0.0.2}), or {@code null} for the system's choice
	 * @return the running HAProxy
	 */
	public static Haproxy start(Path directory, HealthCheck healthCheck, @Nullable String source) {
		try {
			Files.createDirectories(directory);
			// A unix socket path must stay short (108 bytes), so it lives in its own
			// temporary directory.
			Path socket = Files.createTempDirectory("zdt-lab-").resolve("haproxy.sock");
			HaproxyConfig config = new HaproxyConfig(FreePorts.find(), socket, source);
			Path file = directory.resolve("haproxy.cfg");
			Files.writeString(file, config.render(healthCheck));
			Path log = directory.resolve("haproxy.log");
			Process process = new ProcessBuilder(List.of("haproxy", "-db", "-f", file.toString()))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Haproxy haproxy = new Haproxy(process, config, log);
			haproxy.awaitRuntimeApi();
			return haproxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start haproxy (apt-get install haproxy)", ex);
		}
	}

	private void awaitRuntimeApi() {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("haproxy exited with " + this.process.exitValue() + ": " + logText());
			}
			if (Files.exists(this.config.socket())) {
				try {
					this.runtimeApi.execute("show info");
					return;
				}
				catch (UncheckedIOException ex) {
					// not listening yet
				}
			}
			sleep(Duration.ofMillis(50));
		}
		close();
		throw new IllegalStateException("haproxy did not open its runtime API in " + STARTUP_TIMEOUT);
	}

	/**
	 * Return the port of the frontend, the "ALB listener".
	 * @return the frontend port
	 */
	public int port() {
		return this.config.frontendPort();
	}

	/**
	 * Return the runtime API.
	 * @return the runtime API
	 */
	public RuntimeApi api() {
		return this.runtimeApi;
	}

	/**
	 * Return the log file (abnormal requests only, with HAProxy's termination state).
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Return the log text.
	 * @return what HAProxy logged so far
	 */
	public String logText() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Return the abnormal requests HAProxy logged, by status and termination state: for
	 * example {@code 503 SC--} (connection to the target refused) or {@code 502 SH--}
	 * (the target closed the connection before answering).
	 * @return counts by status and termination state
	 */
	public Map<String, Long> errors() {
		Map<String, Long> errors = new TreeMap<>();
		for (String line : logText().split("\n")) {
			Matcher matcher = LOG_LINE.matcher(line);
			if (matcher.find()) {
				errors.merge(matcher.group(1) + " " + matcher.group(2), 1L, Long::sum);
			}
		}
		return errors;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try {
			Files.deleteIfExists(this.config.socket());
			Files.deleteIfExists(this.config.socket().getParent());
		}
		catch (IOException ex) {
			// a left-over temporary directory is harmless
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
