package dev.zdt.shutdownbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the instances of one run wrote to their journals. */
final class Journals {

	private final List<String> first;

	private final List<String> second;

	private Journals(List<String> first, List<String> second) {
		this.first = first;
		this.second = second;
	}

	static Journals read(Path first, Path second) throws IOException {
		return new Journals(lines(first), lines(second));
	}

	static Set<String> records(Path... journals) throws IOException {
		Set<String> keys = new HashSet<>();
		for (Path journal : journals) {
			for (String line : lines(journal)) {
				if (line.startsWith("record ")) {
					keys.add(line.substring(7));
				}
			}
		}
		return keys;
	}

	private static List<String> lines(Path journal) throws IOException {
		return Files.exists(journal) ? Files.readAllLines(journal) : List.of();
	}

	/** Jobs the first instance accepted and never finished. */
	long jobsLost() {
		Set<String> accepted = ids(this.first, "job-accepted ");
		accepted.removeAll(ids(this.first, "job-done "));
		return accepted.size();
	}

	/** Scheduled runs of the first instance that started and never ended. */
	long runsCut() {
		return ids(this.first, "cleanup-start ").size() - ids(this.first, "cleanup-end ").size();
	}

	/** Records of keys 0 to produced - 1 that no instance processed. */
	long recordsLost(int produced) {
		Set<String> processed = ids(this.first, "record ");
		processed.addAll(ids(this.second, "record "));
		long lost = 0;
		for (int key = 0; key < produced; key++) {
			if (!processed.contains(Integer.toString(key))) {
				lost++;
			}
		}
		return lost;
	}

	/** Processings of a record beyond its first, across both instances. */
	long recordsTwice() {
		Map<String, Integer> times = new HashMap<>();
		for (List<String> journal : List.of(this.first, this.second)) {
			for (String line : journal) {
				if (line.startsWith("record ")) {
					times.merge(line.substring(7), 1, Integer::sum);
				}
			}
		}
		return times.values().stream().mapToLong((count) -> count - 1).sum();
	}

	private static Set<String> ids(List<String> journal, String prefix) {
		Set<String> ids = new HashSet<>();
		for (String line : journal) {
			if (line.startsWith(prefix)) {
				ids.add(line.substring(prefix.length()));
			}
		}
		return ids;
	}

}
