package dev.zdt.boot.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Refuses a {@code zdt.drain.token} that protects nothing: one that no header can carry,
 * a placeholder copied from examples, one short enough to guess, or one made of a trivial
 * pattern (one character repeated, a repeated part, a run such as {@code 0123…}, fewer
 * than four different characters). The messages never show a token that could be real.
 */
final class DrainTokenRules {

	static final int MIN_LENGTH = 16;

	private static final String PROPERTY = "zdt.drain.token";

	private static final String FIX = "generate one, e.g. with 'openssl rand -hex 32', and put the same value in the "
			+ "X-Zdt-Token header of the preStop httpGet; leave zdt.drain.token unset to need no token";

	// Lower case; matched anywhere in the token. The first is what k8s/base shipped.
	private static final List<String> PLACEHOLDERS = List.of("replace-me", "replaceme", "replace_me", "changeme",
			"change-me", "change_me", "placeholder", "your-token", "your_token", "<token>", "${");

	private static final int MIN_DISTINCT = 4;

	// Runs wrap around: 1234567890 counts as one.
	private static final List<String> RUN_ALPHABETS = List.of("0123456789", "abcdefghijklmnopqrstuvwxyz",
			"0123456789abcdefghijklmnopqrstuvwxyz");

	private DrainTokenRules() {
	}

	static void validate(@Nullable String token) {
		if (token == null) {
			return;
		}
		if (token.isEmpty()) {
			throw invalid("(blank)", "must not be blank");
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw invalid(hidden(token),
						"must be printable ASCII, as an HTTP header carries it; character " + (i + 1) + " is not");
			}
		}
		String lower = token.toLowerCase(Locale.ROOT);
		for (String placeholder : PLACEHOLDERS) {
			if (lower.contains(placeholder)) {
				throw invalid(token, "is a placeholder, which anyone who has read the examples knows");
			}
		}
		if (token.length() < MIN_LENGTH) {
			throw invalid(hidden(token), "must have at least " + MIN_LENGTH + " characters");
		}
		String trivial = trivialPattern(lower);
		if (trivial != null) {
			throw invalid(hidden(token), trivial + ", which anyone can guess");
		}
	}

	/**
	 * Says how a token is trivial, or returns {@code null}. A random token of at least
	 * {@value #MIN_LENGTH} characters, even of decimal digits only, has each of these
	 * patterns with a probability under 10^-6.
	 */
	private static @Nullable String trivialPattern(String lower) {
		int period = shortestPeriod(lower);
		if (period == 1) {
			return "repeats one character";
		}
		if (period <= lower.length() / 2) {
			return "repeats its first " + period + " characters";
		}
		if (isRun(lower)) {
			return "is a run of consecutive characters (as 0123... or abcd...)";
		}
		long distinct = lower.chars().distinct().count();
		if (distinct < MIN_DISTINCT) {
			return "uses only " + distinct + " different characters";
		}
		return null;
	}

	private static int shortestPeriod(String token) {
		for (int period = 1; period < token.length(); period++) {
			if (token.regionMatches(period, token, 0, token.length() - period)) {
				return period;
			}
		}
		return token.length();
	}

	private static boolean isRun(String token) {
		for (String alphabet : RUN_ALPHABETS) {
			if (isRun(token, alphabet, 1) || isRun(token, alphabet, alphabet.length() - 1)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRun(String token, String alphabet, int step) {
		for (int i = 1; i < token.length(); i++) {
			int previous = alphabet.indexOf(token.charAt(i - 1));
			if (previous < 0 || alphabet.indexOf(token.charAt(i)) != (previous + step) % alphabet.length()) {
				return false;
			}
		}
		return true;
	}

	private static String hidden(String token) {
		return "(hidden, " + token.length() + " characters)";
	}

	private static InvalidConfigurationPropertyValueException invalid(String shown, String reason) {
		return new InvalidConfigurationPropertyValueException(PROPERTY, shown, reason + "; " + FIX);
	}

}
