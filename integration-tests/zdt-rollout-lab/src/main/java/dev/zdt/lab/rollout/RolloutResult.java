package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.List;

/**
 * One rolling update.
 *
 * @param duration from the start until every old pod exited and left the load balancer
 * @param readyAfter from the start until every new pod was ready (when
 * {@code kubectl rollout status} would return)
 * @param terminations how the old pods ended
 * @author zdt
 */
public record RolloutResult(Duration duration, Duration readyAfter, List<Termination> terminations) {
}
