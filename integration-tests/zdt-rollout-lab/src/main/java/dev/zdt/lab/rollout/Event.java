package dev.zdt.lab.rollout;

/**
 * Something that happened to a pod or a rollout, at a time of the lab clock.
 *
 * @param nanos lab clock time
 * @param pod the pod (or {@code -} for the rollout)
 * @param kind what happened
 * @param detail more about it
 * @author zdt
 */
public record Event(long nanos, String pod, Kind kind, String detail) {

	/**
	 * Return the time in seconds.
	 * @return lab clock seconds
	 */
	public double seconds() {
		return this.nanos / 1e9;
	}

	@Override
	public String toString() {
		return "%8.3f s  %-8s %-13s %s".formatted(seconds(), this.pod, this.kind, this.detail);
	}

	/**
	 * Kinds of events.
	 */
	public enum Kind {

		/** A pod's process started. */
		STARTED,

		/** The load balancer's health checks passed: the readiness gate opened. */
		READY,

		/**
		 * The pod was deleted: preStop (or SIGTERM) starts, the deregistration lag
		 * starts.
		 */
		DELETED,

		/** The preStop hook returned. */
		PRESTOP_DONE,

		/** SIGTERM sent. */
		SIGTERM,

		/** SIGKILL sent: the grace period was spent. */
		SIGKILL,

		/** The process ended. */
		EXITED,

		/** The load balancer controller put the target into draining. */
		DEREGISTERED,

		/**
		 * One load balancer node of several stopped routing to the target (a lag after it
		 * turned draining).
		 */
		NODE_DRAINED,

		/** The target left the load balancer. */
		REMOVED,

		/** The load started. */
		LOAD_STARTED,

		/** A rolling update started. */
		ROLLOUT_STARTED,

		/** A rolling update finished: old pods gone, new pods ready. */
		ROLLOUT_FINISHED

	}

}
