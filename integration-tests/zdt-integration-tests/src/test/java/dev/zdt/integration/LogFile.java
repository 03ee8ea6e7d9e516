package dev.zdt.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The output file of a process, read while the process writes it.
 */
final class LogFile {

	private final Path path;

	LogFile(Path path) {
		this.path = path;
	}

	Path path() {
		return this.path;
	}

	/**
	 * Returns the complete lines written so far.
	 * @return the lines
	 */
	List<String> lines() {
		try {
			if (!Files.exists(this.path)) {
				return List.of();
			}
			String text = new String(Files.readAllBytes(this.path), StandardCharsets.UTF_8);
			int end = text.lastIndexOf('\n');
			return (end < 0) ? List.of() : text.substring(0, end).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the lines that contain a text.
	 * @param text the text
	 * @return the lines, in order
	 */
	List<String> linesContaining(String text) {
		return lines().stream().filter((line) -> line.contains(text)).toList();
	}

	/**
	 * Returns the first line that contains a text.
	 * @param text the text
	 * @return the line, or empty
	 */
	Optional<String> firstLineContaining(String text) {
		return lines().stream().filter((line) -> line.contains(text)).findFirst();
	}

	/**
	 * Returns the index of the first line that contains a text.
	 * @param text the text
	 * @return the index, or -1
	 */
	int indexOfLineContaining(String text) {
		List<String> lines = lines();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Waits until a line contains a text.
	 * @param text the text
	 * @param timeout how long to wait
	 * @return the line, or empty when none appeared in time
	 */
	Optional<String> awaitLineContaining(String text, Duration timeout) {
		return Poll.first(timeout, () -> firstLineContaining(text));
	}

	/**
	 * Returns the last lines, for failure messages.
	 * @param count how many lines
	 * @return the lines joined, with the file name first
	 */
	String tail(int count) {
		List<String> lines = lines();
		List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
		return this.path + " (last " + last.size() + " lines):\n" + String.join("\n", last);
	}

	/**
	 * Returns the time stamp that starts a line in Spring Boot's default log format
	 * ({@code 2026-11-26T23:05:34.123Z  INFO ...}).
	 * @param line the log line
	 * @return the time stamp
	 * @throws IllegalArgumentException when the line does not start with one
	 */
	static Instant timestampOf(String line) {
		String first = line.strip().split("\\s+", 2)[0];
		try {
			return OffsetDateTime.parse(first).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("No time stamp at the start of '" + line + "'", ex);
		}
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
