package dev.zdt.lab.pod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.net.FreePorts;

/**
 * A pod: one process on two loopback ports (application and management), its output in a
 * log file.
 *
 * @author zdt
 */
public final class Pod {

	private final String name;

	private final int port;

	private final int managementPort;

	private final Process process;

	private final Path log;

	private Pod(String name, int port, int managementPort, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.managementPort = managementPort;
		this.process = process;
		this.log = log;
	}

	/**
	 * Start a pod on free ports.
	 * @param name the pod name (also its HAProxy server name)
	 * @param template what to run
	 * @param logDirectory where the pod's output goes ({@code <name>.log})
	 * @return the started pod
	 */
	public static Pod start(String name, PodTemplate template, Path logDirectory) {
		List<Integer> ports = FreePorts.find(2);
		int port = ports.get(0);
		int managementPort = ports.get(1);
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(template.command(port, managementPort))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			// As in a container on Kubernetes: the pod's name is its host name (the
			// sample app names the pod that processed a score event with it).
			builder.environment().put("HOSTNAME", name);
			Process process = builder.start();
			return new Pod(name, port, managementPort, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start pod " + name, ex);
		}
	}

	/**
	 * Return the pod name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the application port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the management port.
	 * @return the port
	 */
	public int managementPort() {
		return this.managementPort;
	}

	/**
	 * Return the process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Return the pod's log file.
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Return what the pod logged so far.
	 * @return the log text
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
	 * Whether the process still runs.
	 * @return whether the process is alive
	 */
	public boolean alive() {
		return this.process.isAlive();
	}

	/**
	 * Return a future of the exit code.
	 * @return completes with the exit code when the process ends
	 */
	public CompletableFuture<Integer> exit() {
		return this.process.onExit().thenApply(Process::exitValue);
	}

	/**
	 * Send SIGTERM ({@link Process#destroy()} does so on Linux).
	 */
	public void sigterm() {
		this.process.destroy();
	}

	/**
	 * Send SIGKILL.
	 */
	public void sigkill() {
		this.process.destroyForcibly();
	}

	/**
	 * Wait for the process to end.
	 * @param timeout how long to wait
	 * @return whether it ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
	}

	/**
	 * Kill the process if it still runs and wait for it, for clean-up.
	 */
	public void destroy() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public String toString() {
		return this.name + "(pid " + this.process.pid() + ", port " + this.port + "/" + this.managementPort + ")";
	}

}
