package dev.zdt.core;

import java.util.Locale;

/**
 * What started a drain.
 *
 * @since 0.1.0
 */
public enum DrainTrigger {

	/** A call to the drain endpoint, typically kubelet's preStop {@code httpGet}. */
	ENDPOINT,

	/**
	 * Application shutdown, typically SIGTERM. A drain that shutdown has started or
	 * joined is never {@linkplain DrainCoordinator#cancel() cancelled}.
	 */
	SHUTDOWN,

	/** A direct call of the Java API. */
	API;

	/**
	 * Returns the name shown in logs and the status endpoint.
	 * @return the lower-case name
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
