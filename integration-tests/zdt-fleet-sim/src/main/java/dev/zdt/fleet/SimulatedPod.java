package dev.zdt.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.zdt.aws.TargetGroupSource;
import dev.zdt.aws.TargetHealthStrategy;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * One pod: its own SDK client and its own {@link TargetHealthStrategy}, configured as the
 * starter does by default, and the hold of its drain, asked as zdt-core's hold loop asks
 * it.
 */
final class SimulatedPod implements AutoCloseable {

	static final String MAX_HOLD = "max-hold";

	final String ip;

	final long drainAfterNanos;

	private final ElasticLoadBalancingV2Client client;

	private final TargetHealthStrategy strategy;

	private @Nullable HoldEvaluator hold;

	volatile long drainStartedNanos = -1;

	// Set by the controller's thread once it has deregistered the target.
	volatile long drainingAtNanos = -1;

	long endedNanos = -1;

	@Nullable String endReason;

	SimulatedPod(String ip, long drainAfterNanos, URI endpoint, String targetGroupArn, int port) {
		this.ip = ip;
		this.drainAfterNanos = drainAfterNanos;
		this.client = Clients.pod(endpoint);
		this.strategy = FleetStrategies
			.configure(TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(targetGroupArn))))
			.targetIp(ip)
			.targetPort(port)
			.logger(new SilentLogger())
			.build();
	}

	void startDrain(long now) {
		this.drainStartedNanos = now;
		this.hold = this.strategy.start(context(Duration.ZERO));
	}

	boolean isHolding() {
		return this.drainStartedNanos >= 0 && this.endedNanos < 0;
	}

	boolean hasEnded() {
		return this.endedNanos >= 0;
	}

	void evaluate(long now, Duration maxHold) {
		Duration elapsed = Duration.ofNanos(now - this.drainStartedNanos);
		HoldDecision decision = this.hold.evaluate(context(elapsed));
		if (decision.isRelease()) {
			end(now, decision.releaseReason());
		}
		else if (elapsed.compareTo(maxHold) >= 0) {
			end(now, MAX_HOLD);
		}
	}

	private void end(long now, @Nullable String reason) {
		this.endedNanos = now;
		this.endReason = reason;
	}

	boolean endedByLoadBalancer() {
		return hasEnded() && !MAX_HOLD.equals(this.endReason);
	}

	/**
	 * Returns how long after the target turned {@code draining} this pod's hold saw it.
	 */
	@Nullable Duration sawDrainingAfter() {
		Duration seenAt = this.strategy.drainingSeenAt();
		if (seenAt == null || this.drainingAtNanos < 0) {
			return null;
		}
		return Duration.ofNanos(this.drainStartedNanos + seenAt.toNanos() - this.drainingAtNanos);
	}

	private static HoldContext context(Duration elapsed) {
		return new HoldContext(elapsed, 0, 0, Duration.ZERO, Duration.ZERO);
	}

	@Override
	public void close() {
		this.strategy.close();
		this.client.close();
	}

}
