package dev.zdt.shutdownbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.zdt.shutdownbench.worker.WorkerApplication;

/** One instance of the service ({@link WorkerApplication}) in a JVM of its own. */
final class Worker implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final int managementPort;

	private final Path journal;

	private final Path log;

	private Worker(Process process, int port, int managementPort, Path journal, Path log) {
		this.process = process;
		this.port = port;
		this.managementPort = managementPort;
		this.journal = journal;
		this.log = log;
	}

	static Worker start(Path directory, String name, Map<String, String> properties) throws Exception {
		int port = freePort();
		int managementPort = freePort();
		Path journal = directory.resolve(name + ".journal");
		Path log = directory.resolve(name + ".log");
		Files.deleteIfExists(journal);
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
				"--management.server.port=" + managementPort, "--bench.journal=" + journal));
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		Worker worker = new Worker(JavaProcesses.start(WorkerApplication.class, arguments, log), port, managementPort,
				journal, log);
		worker.awaitReady();
		return worker;
	}

	private void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			if (status("/actuator/health/readiness") == 200) {
				return;
			}
			Thread.sleep(250);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("The worker did not become ready: see " + this.log);
	}

	private int status(String path) throws InterruptedException {
		try {
			HttpRequest request = HttpRequest.newBuilder(management(path)).timeout(Duration.ofSeconds(5)).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private URI management(String path) {
		return URI.create("http://localhost:" + this.managementPort + path);
	}

	/** Asks for an export job; returns whether the service accepted it. */
	boolean export(String id) throws InterruptedException {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/exports/" + id))
				.timeout(Duration.ofSeconds(5))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Kubelet's preStop httpGet: returns when the drain's hold is over, or at the
	 * timeout.
	 */
	void preStop(Duration timeout) throws InterruptedException {
		try {
			HttpRequest request = HttpRequest.newBuilder(management("/actuator/zdt/drain")).timeout(timeout).build();
			http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// Kubelet goes on to SIGTERM whatever the hook answered.
		}
	}

	void sigterm() {
		this.process.destroy();
	}

	/** Waits for the exit until the deadline; then SIGKILLs, as kubelet does. */
	boolean exitsBefore(long deadlineNanos) throws InterruptedException {
		long left = deadlineNanos - System.nanoTime();
		if (left > 0 && this.process.waitFor(left, TimeUnit.NANOSECONDS)) {
			return true;
		}
		this.process.destroyForcibly().waitFor();
		return false;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path journal() {
		return this.journal;
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
