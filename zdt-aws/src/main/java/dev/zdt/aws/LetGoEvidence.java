package dev.zdt.aws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the load balancer letting go of the target from a target that it never routed to:
 * a target that is {@code unused} or not registered in a target group counts as let go
 * only when this process saw it in service there before. Otherwise a wrong IP address,
 * port or target group ARN would end every hold at once.
 */
final class LetGoEvidence {

	private final Set<String> seenInService = ConcurrentHashMap.newKeySet();

	/**
	 * Records the target groups that have the target in service, then makes sure that
	 * every target group that does not was seen with it in service before.
	 * @param states the state by target group ARN
	 * @param target the target's address, for the message
	 * @throws DiscoveryException a permanent fault when a target group never had it in
	 * service
	 */
	void check(Map<String, TargetState> states, String target) throws DiscoveryException {
		states.forEach((arn, state) -> {
			if (state.isInService()) {
				this.seenInService.add(arn);
			}
		});
		for (Map.Entry<String, TargetState> entry : states.entrySet()) {
			TargetState state = entry.getValue();
			if (!state.isInService() && !this.seenInService.contains(entry.getKey())) {
				String what = state.isNotRegistered() ? "is not registered" : "is " + state;
				throw new DiscoveryException(
						"target " + target + " " + what + " in target group " + entry.getKey() + " (" + state
								+ ") and zdt never saw it in service there, which is no sign that the load "
								+ "balancer has let go",
						"check zdt.aws.target-ip (or POD_IP), zdt.aws.target-port and zdt.aws.target-group-arns "
								+ "against the targets registered in the target group",
						true, null);
			}
		}
	}

}
