package dev.zdt.sample.scores;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/scores}: fields are nullable so that a missing one gets a
 * clear message instead of a default.
 *
 * @param name the player's name
 * @param score the points scored
 * @author zdt authors
 */
public record ScoreSubmission(@Nullable String name, @Nullable Long score) {

	/**
	 * The longest name accepted.
	 */
	public static final int MAX_NAME_LENGTH = 24;

	/**
	 * The highest score accepted: well above what a 4x4 board can reach (about 3.9
	 * million).
	 */
	public static final long MAX_SCORE = 10_000_000;

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1," + MAX_NAME_LENGTH + "}");

	/**
	 * Returns what is wrong with this submission.
	 * @return a message for the caller, or {@code null} when the submission is valid
	 */
	@Nullable String problem() {
		if (this.name == null || this.name.isBlank()) {
			return "name is required";
		}
		if (!NAME.matcher(this.name.strip()).matches()) {
			return "name must be 1 to " + MAX_NAME_LENGTH + " letters, digits, spaces, '.', '_' or '-'";
		}
		if (this.score == null) {
			return "score is required";
		}
		if (this.score < 0 || this.score > MAX_SCORE) {
			return "score must be a whole number from 0 to " + MAX_SCORE;
		}
		return null;
	}

}
