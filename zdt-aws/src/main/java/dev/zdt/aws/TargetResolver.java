package dev.zdt.aws;

import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Finds this instance's {@link Target} (target groups and IP address) once, and its port
 * at every call: the application's port may be known only once the web server has
 * started.
 */
final class TargetResolver {

	private final TargetGroupSource source;

	private final @Nullable String targetIp;

	private final IntSupplier targetPort;

	// Immutable once found; published to the threads that show the details.
	private volatile @Nullable Target target;

	TargetResolver(TargetGroupSource source, @Nullable String targetIp, IntSupplier targetPort) {
		this.source = source;
		this.targetIp = targetIp;
		this.targetPort = targetPort;
	}

	/**
	 * Returns the target, asking the target group source until it answers.
	 * @return the target
	 * @throws DiscoveryException when the target cannot be found, with the fix
	 */
	Target resolve() throws DiscoveryException {
		Target target = this.target;
		if (target != null) {
			return target;
		}
		TargetGroups targetGroups = this.source.targetGroups();
		String ip = (this.targetIp != null) ? this.targetIp : targetGroups.podIp();
		if (ip == null || ip.isBlank()) {
			throw new DiscoveryException("the IP address of this pod is unknown",
					"set the POD_IP environment variable from the downward API (fieldRef status.podIP) "
							+ "or zdt.aws.target-ip",
					true, null);
		}
		IpAddress address = IpAddress.parse(ip)
			.orElseThrow(() -> new DiscoveryException("the target IP address '" + ip + "' is not an IP address",
					"set zdt.aws.target-ip (or POD_IP) to this pod's IP address", true, null));
		if (targetGroups.arns().isEmpty()) {
			throw new DiscoveryException("no target group is known for this pod",
					"set zdt.aws.target-group-arns or enable the readiness gate injection of the AWS Load Balancer "
							+ "Controller (or of EKS Auto Mode)",
					true, null);
		}
		target = new Target(targetGroups.arns(), address);
		this.target = target;
		return target;
	}

	/**
	 * Returns the target if it has been found.
	 * @return the target, or {@code null}
	 */
	@Nullable Target found() {
		return this.target;
	}

	/**
	 * Returns the port of the target now.
	 * @return the port
	 * @throws IllegalStateException when the port is not a port
	 */
	int port() {
		int port = this.targetPort.getAsInt();
		if (port < 1 || port > 65535) {
			throw new IllegalStateException("the target port is unknown (" + port + "): set zdt.aws.target-port");
		}
		return port;
	}

}
