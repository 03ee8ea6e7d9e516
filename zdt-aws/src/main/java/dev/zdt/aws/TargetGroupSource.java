package dev.zdt.aws;

import java.util.List;

/**
 * Finds the target groups of this instance: from configuration, or discovered at run
 * time.
 *
 * @see KubernetesTargetGroupDiscovery
 * @since 0.1.0
 */
@FunctionalInterface
public interface TargetGroupSource {

	/**
	 * Returns the target groups. Called until it succeeds, then not again.
	 * @return the target groups
	 * @throws DiscoveryException when they cannot be found, with the cause and the fix
	 */
	TargetGroups targetGroups() throws DiscoveryException;

	/**
	 * Returns a source of fixed target group ARNs.
	 * @param arns the ARNs
	 * @return the source
	 */
	static TargetGroupSource of(List<String> arns) {
		TargetGroups targetGroups = new TargetGroups(arns, null);
		return () -> targetGroups;
	}

}
