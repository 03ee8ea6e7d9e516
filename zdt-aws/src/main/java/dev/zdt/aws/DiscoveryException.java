package dev.zdt.aws;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the target groups or the target of this instance cannot be found; says how
 * to fix it and whether asking again can help.
 *
 * @since 0.1.0
 */
public class DiscoveryException extends Exception {

	private final String fix;

	private final boolean permanent;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param fix what the user can do about it
	 * @param permanent whether asking again cannot help
	 * @param cause the cause, or {@code null}
	 */
	public DiscoveryException(String message, String fix, boolean permanent, @Nullable Throwable cause) {
		super(message, cause);
		this.fix = fix;
		this.permanent = permanent;
	}

	/**
	 * Returns what the user can do about it.
	 * @return the fix
	 */
	public String fix() {
		return this.fix;
	}

	/**
	 * Returns whether asking again cannot help.
	 * @return {@code true} when the failure is permanent
	 */
	public boolean isPermanent() {
		return this.permanent;
	}

}
