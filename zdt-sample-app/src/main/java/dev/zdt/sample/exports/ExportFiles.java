package dev.zdt.sample.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The directory of finished exports, one {@code <id>.json} file each. A file is written
 * under another name and then moved into place, so a file present is a finished export.
 *
 * @author zdt authors
 */
public final class ExportFiles {

	private static final String SUFFIX = ".json";

	private final Path directory;

	/**
	 * Creates the store.
	 * @param directory where the exports are written; created by the first export
	 */
	public ExportFiles(Path directory) {
		this.directory = directory;
	}

	/**
	 * Writes an export, all or nothing.
	 * @param id the export's id
	 * @param json its content
	 * @return the file written
	 */
	public Path write(UUID id, String json) {
		Path file = file(id);
		try {
			Files.createDirectories(this.directory);
			Path partial = Files.createTempFile(this.directory, id + "-", ".partial");
			Files.writeString(partial, json, StandardCharsets.UTF_8);
			return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("export " + id + " could not be written to " + file, ex);
		}
	}

	/**
	 * Reads a finished export.
	 * @param id the export's id
	 * @return its content, or empty when there is no such finished export
	 */
	public Optional<String> read(UUID id) {
		try {
			return Optional.of(Files.readString(file(id), StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes the exports last written before the given instant.
	 * @param cutoff the oldest modification time kept
	 * @return how many exports were deleted
	 */
	public int deleteOlderThan(Instant cutoff) {
		if (!Files.isDirectory(this.directory)) {
			return 0;
		}
		int deleted = 0;
		try (DirectoryStream<Path> exports = Files.newDirectoryStream(this.directory, "*" + SUFFIX)) {
			for (Path export : exports) {
				if (Files.getLastModifiedTime(export).toInstant().isBefore(cutoff) && Files.deleteIfExists(export)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("old exports could not be deleted from " + this.directory, ex);
		}
		return deleted;
	}

	/**
	 * Returns the file of an export, whether it exists or not.
	 * @param id the export's id
	 * @return the path of {@code <id>.json} in the directory
	 */
	public Path file(UUID id) {
		return this.directory.resolve(id + SUFFIX);
	}

}
