package dev.zdt.aws;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The state the load balancer reports for this instance's target in one target group.
 *
 * @param state the ALB target state ({@code healthy}, {@code draining}, ...) or
 * {@value #NOT_REGISTERED}
 * @param reason the ALB's reason code, such as {@code Target.DeregistrationInProgress}, or
 * {@code null}
 *
 * @since 0.1.0
 */
public record TargetState(String state, @Nullable String reason) {

	/** The state of a target that the target group does not know. */
	public static final String NOT_REGISTERED = "not-registered";

	private static final Set<String> LET_GO = Set.of("draining", "unhealthy.draining", "unused", NOT_REGISTERED);

	/**
	 * Returns whether the load balancer no longer routes new requests to the target in this
	 * target group: it is draining, unused or not registered.
	 * @return {@code true} once the load balancer has let go
	 */
	public boolean isLetGo() {
		return LET_GO.contains(this.state);
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
