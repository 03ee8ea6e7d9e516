package dev.zdt.aws;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address parsed from its literal form only, never by a name lookup, so
 * that two spellings of one address ({@code 2001:DB8:0::15}, {@code 2001:db8::15})
 * compare equal.
 *
 * @since 0.1.0
 */
public final class IpAddress {

	private final byte[] bytes;

	private IpAddress(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Parses an IPv4 address in dotted decimal form ({@code 10.0.0.1}) or an IPv6 address
	 * in any RFC 4291 text form, without brackets, port or zone.
	 * @param text the literal
	 * @return the address, or empty when the text is not an IP address
	 */
	public static Optional<IpAddress> parse(String text) {
		String literal = text.trim();
		byte[] bytes = (literal.indexOf(':') >= 0) ? ipv6(literal) : ipv4(literal);
		return Optional.ofNullable(bytes).map(IpAddress::new);
	}

	private static byte @Nullable [] ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			// A leading zero would read as octal to some parsers: not an unambiguous
			// address.
			if (part.isEmpty() || part.length() > 3 || !isDigits(part)
					|| (part.length() > 1 && part.charAt(0) == '0')) {
				return null;
			}
			int value = Integer.parseInt(part);
			if (value > 255) {
				return null;
			}
			bytes[i] = (byte) value;
		}
		return bytes;
	}

	private static byte @Nullable [] ipv6(String text) {
		int compression = text.indexOf("::");
		if (compression >= 0 && text.indexOf("::", compression + 1) >= 0) {
			return null;
		}
		String head = (compression >= 0) ? text.substring(0, compression) : text;
		String tail = (compression >= 0) ? text.substring(compression + 2) : "";
		byte @Nullable [] headBytes = groups(head, compression < 0);
		byte @Nullable [] tailBytes = groups(tail, true);
		if (headBytes == null || tailBytes == null) {
			return null;
		}
		int length = headBytes.length + tailBytes.length;
		if ((compression < 0 && length != 16) || (compression >= 0 && length > 14)) {
			return null;
		}
		byte[] bytes = new byte[16];
		System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
		System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
		return bytes;
	}

	/**
	 * Parses colon-separated groups, the last of which may be a dotted IPv4 address when
	 * it ends the whole literal.
	 */
	private static byte @Nullable [] groups(String text, boolean mayEndInIpv4) {
		if (text.isEmpty()) {
			return new byte[0];
		}
		String[] groups = text.split(":", -1);
		byte[] bytes = new byte[18];
		int length = 0;
		for (int i = 0; i < groups.length; i++) {
			String group = groups[i];
			if (i == groups.length - 1 && mayEndInIpv4 && group.indexOf('.') >= 0) {
				byte @Nullable [] ipv4 = ipv4(group);
				if (ipv4 == null || length + 4 > 16) {
					return null;
				}
				System.arraycopy(ipv4, 0, bytes, length, 4);
				length += 4;
			}
			else {
				if (group.isEmpty() || group.length() > 4 || !isHex(group) || length + 2 > 16) {
					return null;
				}
				int value = Integer.parseInt(group, 16);
				bytes[length++] = (byte) (value >> 8);
				bytes[length++] = (byte) value;
			}
		}
		return Arrays.copyOf(bytes, length);
	}

	private static boolean isDigits(String text) {
		return text.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	private static boolean isHex(String text) {
		return text.chars().allMatch((c) -> Character.digit(c, 16) >= 0 && c < 128);
	}

	/**
	 * Returns whether this is an IPv6 address.
	 * @return {@code true} for IPv6
	 */
	public boolean isIpv6() {
		return this.bytes.length == 16;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof IpAddress address && Arrays.equals(this.bytes, address.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	/**
	 * Returns the canonical text form: dotted decimal, or the RFC 5952 form for IPv6
	 * (lower case, no leading zeros, the longest run of zero groups shortened to
	 * {@code ::}).
	 * @return the text
	 */
	@Override
	public String toString() {
		if (!isIpv6()) {
			return (this.bytes[0] & 0xff) + "." + (this.bytes[1] & 0xff) + "." + (this.bytes[2] & 0xff) + "."
					+ (this.bytes[3] & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((this.bytes[2 * i] & 0xff) << 8) | (this.bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8; i++) {
			int length = 0;
			while (i + length < 8 && groups[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
		}
		return text.toString();
	}

}
