package dev.zdt.aws;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The state the load balancer reports for this instance's target in one target group.
 *
 * @param state the ALB target state ({@code healthy}, {@code draining}, ...) or
 * {@value #NOT_REGISTERED}
 * @param reason the ALB's reason code, such as {@code Target.DeregistrationInProgress},
 * or {@code null}
 * @since 0.1.0
 */
public record TargetState(String state, @Nullable String reason) {

	/** The state of a target that the target group does not know. */
	public static final String NOT_REGISTERED = "not-registered";

	private static final Set<String> IN_SERVICE = Set.of("initial", "healthy", "unhealthy", "unavailable", "draining",
			"unhealthy.draining");

	private static final Set<String> LET_GO = Set.of("draining", "unhealthy.draining", "unused", NOT_REGISTERED);

	/**
	 * Returns whether the load balancer no longer routes new requests to the target in
	 * this target group: it is draining, unused or not registered.
	 * @return {@code true} once the load balancer has let go
	 */
	public boolean isLetGo() {
		return LET_GO.contains(this.state);
	}

	/**
	 * Returns whether the target group has the target in service: the load balancer
	 * routes, or may route, to it, or is draining it. Only a target seen in service can
	 * later be let go; {@code unused} or not registered from the start means that the
	 * target group was never routing to it (a wrong target group, IP address or port).
	 * @return {@code true} when in service
	 */
	public boolean isInService() {
		return IN_SERVICE.contains(this.state);
	}

	/**
	 * Returns whether the target group does not know the target.
	 * @return {@code true} when not registered
	 */
	public boolean isNotRegistered() {
		return NOT_REGISTERED.equals(this.state) || "Target.NotRegistered".equals(this.reason)
				|| "InvalidTarget".equals(this.reason);
	}

	/**
	 * Returns whether the target is draining.
	 * @return {@code true} when draining
	 */
	public boolean isDraining() {
		return this.state.endsWith("draining");
	}

	@Override
	public String toString() {
		return (this.reason != null) ? this.state + " (" + this.reason + ")" : this.state;
	}

}
