package dev.zdt.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a real operating-system process, its standard output and error written
 * to a file. Closing it kills the process if it is still alive.
 */
final class JavaProcess implements AutoCloseable {

	private final Process process;

	private final LogFile log;

	private JavaProcess(Process process, LogFile log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java} with the given arguments.
	 * @param arguments the JVM options, then {@code -jar} or the main class, then program
	 * arguments
	 * @param logFile where standard output and error go (replaced if present)
	 * @return the running process
	 */
	static JavaProcess start(List<String> arguments, Path logFile) {
		return start(List.of(), arguments, logFile);
	}

	/**
	 * Starts {@code java} with SIGINT's default action, as from a terminal, where Ctrl+C
	 * stops it. A build run as a background job of a shell without job control (as CI may
	 * run it) ignores SIGINT, its processes inherit that, and a JVM keeps ignoring a
	 * signal it was started ignoring (as under {@code nohup}); coreutils' {@code env}
	 * resets it, then runs {@code java} in the same process.
	 * @param arguments the JVM options, then {@code -jar} or the main class, then program
	 * arguments
	 * @param logFile where standard output and error go (replaced if present)
	 * @return the running process
	 */
	static JavaProcess startWithDefaultSigint(List<String> arguments, Path logFile) {
		return start(List.of("env", "--default-signal=INT"), arguments, logFile);
	}

	private static JavaProcess start(List<String> launcher, List<String> arguments, Path logFile) {
		List<String> command = new ArrayList<>(launcher);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(arguments);
		try {
			Files.createDirectories(logFile.toAbsolutePath().getParent());
			Files.deleteIfExists(logFile);
			Files.writeString(logFile, String.join(" ", command) + "\n");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			Process process = builder.start();
			process.getOutputStream().close();
			return new JavaProcess(process, new LogFile(logFile));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	LogFile log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Sends SIGTERM, as kubelet does ({@link Process#destroy()} is SIGTERM on Linux).
	 */
	void sigterm() {
		if (!this.process.supportsNormalTermination()) {
			throw new IllegalStateException("This platform cannot send SIGTERM");
		}
		this.process.destroy();
	}

	/**
	 * Sends SIGINT, as Ctrl+C in a terminal does. Only a process started with
	 * {@link #startWithDefaultSigint} is sure to act on it.
	 */
	void sigint() {
		try {
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -INT " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits for the process to exit.
	 * @param timeout how long to wait
	 * @return the exit code
	 * @throws AssertionError when the process is still running after the timeout
	 */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(
						"Process " + pid() + " still running after " + timeout + "; " + this.log.tail(30));
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
