package dev.zdt.boot.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Refuses a {@code zdt.drain.token} that protects nothing: one that no header can carry,
 * a placeholder copied from examples, or one short enough to guess. The messages never
 * show a token that could be real.
 */
final class DrainTokenRules {

	static final int MIN_LENGTH = 16;

	private static final String PROPERTY = "zdt.drain.token";

	private static final String FIX = "generate one, e.g. with 'openssl rand -hex 32', and put the same value in the "
			+ "X-Zdt-Token header of the preStop httpGet; leave zdt.drain.token unset to need no token";

	// Lower case; matched anywhere in the token. The first is what k8s/base shipped.
	private static final List<String> PLACEHOLDERS = List.of("replace-me", "replaceme", "replace_me", "changeme",
			"change-me", "change_me", "placeholder", "your-token", "your_token", "<token>", "${");

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
	}

	private static String hidden(String token) {
		return "(hidden, " + token.length() + " characters)";
	}

	private static InvalidConfigurationPropertyValueException invalid(String shown, String reason) {
		return new InvalidConfigurationPropertyValueException(PROPERTY, shown, reason + "; " + FIX);
	}

}
