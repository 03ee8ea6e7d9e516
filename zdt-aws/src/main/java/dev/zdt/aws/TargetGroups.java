package dev.zdt.aws;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The target groups this instance is registered in, and its IP address when the source
 * knows it.
 *
 * @param arns the target group ARNs
 * @param podIp the IP address the load balancer routes to, or {@code null} when unknown
 * @since 0.1.0
 */
public record TargetGroups(List<String> arns, @Nullable String podIp) {

	/**
	 * Creates an instance, copying the ARNs.
	 * @param arns the target group ARNs
	 * @param podIp the IP address, or {@code null}
	 */
	public TargetGroups {
		arns = List.copyOf(Objects.requireNonNull(arns, "arns"));
	}

}
