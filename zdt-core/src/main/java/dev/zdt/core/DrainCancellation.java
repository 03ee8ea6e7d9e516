package dev.zdt.core;

import java.util.Locale;

/**
 * Why a drain was undone before shutdown, so that the instance serves again.
 *
 * @since 0.1.0
 */
public enum DrainCancellation {

	/** Someone asked for it, e.g. the cancel operation of the zdt endpoint. */
	REQUESTED,

	/** No shutdown followed the end of the hold within the configured time. */
	NO_SHUTDOWN_FOLLOWED;

	/**
	 * Returns the name shown in logs and the status endpoint.
	 * @return the lower-case name with dashes
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
