package dev.zdt.boot.actuate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * The configured {@code zdt.drain.token}, compared in constant time with what a caller
 * sends.
 */
final class DrainToken {

	private final byte @Nullable [] expected;

	DrainToken(@Nullable String token) {
		this.expected = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
	}

	boolean isConfigured() {
		return this.expected != null;
	}

	/**
	 * Returns whether the calling request may drain: it sends the token, or none is
	 * configured.
	 */
	boolean permitsCaller() {
		return this.expected == null || isPresentedByCaller();
	}

	/**
	 * Returns whether the calling request sends the configured token; never when none is
	 * configured.
	 */
	boolean isPresentedByCaller() {
		String presented = CallingRequest.header(ZdtEndpoint.TOKEN_HEADER);
		return this.expected != null && presented != null
				&& MessageDigest.isEqual(this.expected, presented.getBytes(StandardCharsets.UTF_8));
	}

}
