package dev.zdt.sample.manifests;

/**
 * What the manifests in {@code k8s/base} and its overlays must agree on, with each other
 * and with the app.
 */
enum ManifestRule {

	/**
	 * preStop calls GET /actuator/zdt/drain on the management port, and the app exposes
	 * zdt.
	 */
	PRESTOP_DRAIN_ENDPOINT,

	/**
	 * preStop sends the X-Zdt-Token header with the token the app gets from the Secret.
	 */
	PRESTOP_TOKEN,

	/**
	 * ZDT_DRAIN_TOKEN comes from a key of a Secret in the manifests and binds to
	 * zdt.drain.token.
	 */
	DRAIN_TOKEN_SECRET,

	/**
	 * The container's http and management ports are the app's server and management
	 * ports.
	 */
	PORTS,

	/**
	 * Startup and liveness probes use the liveness group, readiness the readiness group,
	 * on the management port, and the app has them.
	 */
	PROBES,

	/** The ALB health check asks the readiness URL on the management port. */
	ALB_HEALTH_CHECK,

	/** ALB targets are pod IPs, behind an alb IngressClass. */
	TARGET_TYPE_IP,

	/**
	 * terminationGracePeriodSeconds covers the longest hold, the shutdown timeout and the
	 * exit ({@code ShutdownBudget#requiredGracePeriod()}).
	 */
	GRACE_PERIOD,

	/**
	 * ZDT_TERMINATION_GRACE_PERIOD binds to zdt.termination-grace-period and equals the
	 * grace period.
	 */
	GRACE_PERIOD_ENV,

	/**
	 * The target group's deregistration delay outlasts the hold plus the shutdown
	 * timeout.
	 */
	DEREGISTRATION_DELAY,

	/**
	 * The app's namespace carries the label that makes the controller serving the Ingress
	 * inject readiness gates: {@code elbv2.k8s.aws/…} for the self-managed AWS Load
	 * Balancer Controller, {@code eks.amazonaws.com/…} for EKS Auto Mode.
	 */
	NAMESPACE_READINESS_GATE,

	/**
	 * An IngressClass in the manifests is served by the AWS Load Balancer Controller or
	 * EKS Auto Mode, names IngressClassParams of that controller's API group held in the
	 * manifests, and (Auto Mode) no Ingress relies on the group.name annotation Auto Mode
	 * ignores.
	 */
	INGRESS_CLASS,

	/**
	 * A Role bound to the app's service account grants get on pods and on the
	 * TargetGroupBindings of the controller serving the Ingress ({@code elbv2.k8s.aws} or
	 * {@code eks.amazonaws.com}).
	 */
	TARGET_HEALTH_RBAC,

	/** Rolling updates add a pod before removing one, and there are at least two. */
	ROLLING_UPDATE,

	/**
	 * POD_IP comes from the downward API (the aws-target-health strategy looks itself up
	 * by it).
	 */
	POD_IP,

	/** The ALB idle timeout is shorter than the app's keep-alive timeout. */
	IDLE_TIMEOUT,

	/**
	 * The Service selects the pods and targets the http port; the Ingress routes to that
	 * Service port.
	 */
	SERVICE_ROUTING,

	/** Non-root, read-only root file system with a writable /tmp. */
	SECURITY_CONTEXT,

	/** The PodDisruptionBudget selects the pods and lets a node drain evict one. */
	DISRUPTION_BUDGET,

	/**
	 * With an Istio sidecar: the management port bypasses it, Envoy outlives the app's
	 * drain, and the ALB's plain HTTP reaches the app port.
	 */
	ISTIO_SIDECAR

}
