package dev.zdt.lab.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.zdt.lab.pod.Pod;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.elbv2.FakeElbv2Server.TargetHealth;
import org.jspecify.annotations.Nullable;

/**
 * An ELBv2 target group as the lab's load balancer sees it, served by a fake ELBv2
 * endpoint that pods running the AWS target-health strategy poll: a target is
 * {@code initial} once registered, {@code healthy} once HAProxy routes to it,
 * {@code draining} once the load balancer controller set it to drain, and not registered
 * once it was removed. Only targets on 127.0.0.1 exist.
 *
 * @author zdt
 */
public final class FakeTargetGroup implements TargetGroupListener, AutoCloseable {

	/**
	 * The target group's ARN.
	 */
	public static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
			+ "targetgroup/zdt-lab/0123456789abcdef";

	/**
	 * The IP address of every target.
	 */
	public static final String TARGET_IP = "127.0.0.1";

	private final FakeElbv2Server server;

	private final Map<Integer, String> states = new ConcurrentHashMap<>();

	private FakeTargetGroup(FakeElbv2Server server) {
		this.server = server;
	}

	/**
	 * Start the fake ELBv2 endpoint on 127.0.0.1 with one empty target group.
	 * @param deregistrationDelay the target group's
	 * {@code deregistration_delay.timeout_seconds}
	 * @return the running target group
	 */
	public static FakeTargetGroup start(Duration deregistrationDelay) {
		try {
			FakeElbv2Server server = FakeElbv2Server.start();
			FakeTargetGroup group = new FakeTargetGroup(server);
			server.targetGroup(ARN, deregistrationDelay);
			server.targetHealth(group::health);
			return group;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the fake ELBv2 endpoint", ex);
		}
	}

	/**
	 * Return the endpoint the pods' ELBv2 client calls.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.server.endpoint();
	}

	/**
	 * Return the application arguments that point a pod's AWS target-health strategy at
	 * this target group (the target port is the pod's own {@code server.port}), and let
	 * the lab's status snapshots see what the strategy knows, which the zdt endpoint
	 * otherwise shows only to callers with the token.
	 * @return the arguments
	 */
	public List<String> appArguments() {
		return List.of("--zdt.aws.endpoint=" + endpoint(), "--zdt.aws.region=us-east-1",
				"--zdt.aws.target-group-arns=" + ARN, "--zdt.aws.target-ip=" + TARGET_IP,
				"--zdt.aws.target-port=${server.port}", "--management.endpoint.zdt.show-details=always");
	}

	/**
	 * Return the JVM options of the pods: dummy static credentials (the fake does not
	 * check signatures) and no EC2 instance metadata lookups, so that nothing but
	 * 127.0.0.1 is ever contacted.
	 * @return the JVM options
	 */
	public List<String> jvmOptions() {
		return List.of("-Daws.accessKeyId=x", "-Daws.secretAccessKey=y", "-Daws.disableEc2Metadata=true");
	}

	/**
	 * Return the number of {@code DescribeTargetHealth} calls received so far.
	 * @return the count
	 */
	public long describeTargetHealthCalls() {
		return this.server.requestCount("DescribeTargetHealth");
	}

	@Override
	public void registered(Pod pod) {
		target(pod.port(), "initial");
	}

	@Override
	public void healthy(Pod pod) {
		target(pod.port(), "healthy");
	}

	@Override
	public void draining(Pod pod) {
		target(pod.port(), "draining");
	}

	@Override
	public void removed(Pod pod) {
		remove(pod.port());
	}

	/**
	 * Set the state of the target on a port (registering it when needed).
	 * @param port the target's port
	 * @param state the ALB state, e.g. {@code healthy}, {@code draining}
	 */
	void target(int port, String state) {
		this.states.put(port, state);
	}

	/**
	 * Remove the target on a port from the target group.
	 * @param port the target's port
	 */
	void remove(int port) {
		this.states.remove(port);
	}

	/**
	 * Return a target's health as {@code DescribeTargetHealth} reports it.
	 * @param arn the target group ARN asked for
	 * @param ip the target's IP address
	 * @param port the target's port
	 * @return the health, or {@code null} when the target is not registered
	 */
	@Nullable TargetHealth health(String arn, String ip, int port) {
		if (!ARN.equals(arn) || !TARGET_IP.equals(ip)) {
			return null;
		}
		String state = this.states.get(port);
		return (state != null) ? TargetHealth.of(state) : null;
	}

	/**
	 * Stop the fake endpoint.
	 */
	@Override
	public void close() {
		this.server.close();
	}

}
