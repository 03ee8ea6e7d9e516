package dev.zdt.lab.work;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduled cleanup's runs in one pod's log: {@code cleanup run N started} and
 * {@code cleanup run N finished, ...} lines. A run that started and never finished was
 * cut.
 *
 * @param started the runs that started
 * @param cut the runs that started and never finished
 * @author zdt
 */
public record CleanupRuns(int started, int cut) {

	private static final Pattern STARTED = Pattern.compile("cleanup run (\\d+) started");

	private static final Pattern FINISHED = Pattern.compile("cleanup run (\\d+) finished");

	/**
	 * Read the runs from a pod's log.
	 * @param log the log's text
	 * @return the runs
	 */
	public static CleanupRuns in(String log) {
		Set<String> started = numbers(STARTED, log);
		Set<String> unfinished = new HashSet<>(started);
		unfinished.removeAll(numbers(FINISHED, log));
		return new CleanupRuns(started.size(), unfinished.size());
	}

	/**
	 * Add another pod's runs.
	 * @param other the other pod's runs
	 * @return the sum
	 */
	public CleanupRuns plus(CleanupRuns other) {
		return new CleanupRuns(this.started + other.started, this.cut + other.cut);
	}

	private static Set<String> numbers(Pattern pattern, String log) {
		Set<String> numbers = new HashSet<>();
		Matcher matcher = pattern.matcher(log);
		while (matcher.find()) {
			numbers.add(matcher.group(1));
		}
		return numbers;
	}

}
