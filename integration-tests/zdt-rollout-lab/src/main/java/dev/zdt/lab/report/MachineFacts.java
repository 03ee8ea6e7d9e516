package dev.zdt.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a results document says about where it was measured: the commit and the machine's
 * load.
 *
 * @author zdt
 */
final class MachineFacts {

	private MachineFacts() {
	}

	/**
	 * Return the load average of the last 1, 5 and 15 minutes.
	 * @return e.g. {@code 2.10 1.95 1.80}, or {@code unknown} off Linux
	 */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	/**
	 * Return the commit the lab runs on, with {@code +changes} when the work tree
	 * differs.
	 * @return e.g. {@code 1a2b3c4}, or {@code unknown} outside a git work tree
	 */
	static String commit() {
		String commit = git("rev-parse", "--short", "HEAD");
		if (commit.isEmpty()) {
			return "unknown";
		}
		return commit + (git("status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : " +changes");
	}

	private static String git(String... arguments) {
		String[] command = new String[arguments.length + 1];
		command[0] = "git";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
