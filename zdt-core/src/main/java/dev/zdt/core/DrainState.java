package dev.zdt.core;

/**
 * Where an instance is in its drain, in the only order it can move.
 *
 * @since 0.1.0
 */
public enum DrainState {

	/** Taking traffic normally; readiness is up. */
	SERVING,

	/**
	 * Readiness is down and the instance holds, still serving, until the load balancer
	 * lets go.
	 */
	DRAINING,

	/**
	 * The hold is over; the instance waits for shutdown (e.g. kubelet's SIGTERM after
	 * preStop).
	 */
	DRAINED,

	/** Shutdown is under way: in-flight requests finish, then the process exits. */
	STOPPING

}
