package dev.zdt.lab.rollout;

import dev.zdt.lab.pod.Pod;

/**
 * Told when the load balancer controller changes a target, so that another view of the
 * target group can follow (for example a fake ELBv2 endpoint that pods running the AWS
 * target-health strategy poll).
 *
 * @author zdt
 */
public interface TargetGroupListener {

	/**
	 * A listener that does nothing.
	 */
	TargetGroupListener NONE = new TargetGroupListener() {
	};

	/**
	 * The target was registered (state {@code initial} until its health checks pass).
	 * @param pod the pod
	 */
	default void registered(Pod pod) {
	}

	/**
	 * The target passed its health checks ({@code healthy}).
	 * @param pod the pod
	 */
	default void healthy(Pod pod) {
	}

	/**
	 * The target is being deregistered ({@code draining}).
	 * @param pod the pod
	 */
	default void draining(Pod pod) {
	}

	/**
	 * The target left the target group.
	 * @param pod the pod
	 */
	default void removed(Pod pod) {
	}

	/**
	 * Return a listener that tells this listener first, then another one.
	 * @param next the other listener
	 * @return the combined listener
	 */
	default TargetGroupListener andThen(TargetGroupListener next) {
		TargetGroupListener first = this;
		return new TargetGroupListener() {

			@Override
			public void registered(Pod pod) {
				first.registered(pod);
				next.registered(pod);
			}

			@Override
			public void healthy(Pod pod) {
				first.healthy(pod);
				next.healthy(pod);
			}

			@Override
			public void draining(Pod pod) {
				first.draining(pod);
				next.draining(pod);
			}

			@Override
			public void removed(Pod pod) {
				first.removed(pod);
				next.removed(pod);
			}

		};
	}

}
