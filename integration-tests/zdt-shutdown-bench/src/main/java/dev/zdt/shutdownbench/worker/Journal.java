package dev.zdt.shutdownbench.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One line per finished piece of work, written at once: what a process wrote survives its
 * SIGKILL.
 */
@Component
class Journal {

	private final Path path;

	Journal(@Value("${bench.journal}") Path path) {
		this.path = path;
	}

	synchronized void write(String line) {
		try {
			Files.writeString(this.path, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
