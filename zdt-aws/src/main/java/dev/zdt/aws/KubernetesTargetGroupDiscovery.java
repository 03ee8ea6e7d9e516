package dev.zdt.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.zdt.aws.LoadBalancerController.Binding;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import static dev.zdt.aws.KubernetesApiClient.node;
import static dev.zdt.aws.KubernetesApiClient.text;

/**
 * Finds this pod's target groups through the Kubernetes API, with the pod's service
 * account: the load balancer controller gives the pod one readiness gate per target
 * group, named after the TargetGroupBinding, and each TargetGroupBinding names its target
 * group in {@code spec.targetGroupARN}. Both controllers are understood, side by side:
 * <ul>
 * <li>the self-managed AWS Load Balancer Controller: gates
 * {@code target-health.elbv2.k8s.aws/<TargetGroupBinding>}, bindings in
 * {@code elbv2.k8s.aws/v1beta1};</li>
 * <li>EKS Auto Mode's built-in load balancing: gates
 * {@code target-health.eks.amazonaws.com/<TargetGroupBinding>}, bindings in
 * {@code eks.amazonaws.com/v1}.</li>
 * </ul>
 * A pod behind a shared ALB (an IngressGroup) or behind several Services or ports carries
 * one gate per target group; every one of them is returned. Needs {@code get} on
 * {@code pods} and on {@code targetgroupbindings} of the controller's API group in the
 * pod's namespace.
 * <p>
 * The HTTP side (token, CA, time-outs, status codes) is the
 * {@link KubernetesApiClient}'s; this class reads the pod's readiness gates and their
 * TargetGroupBindings.
 *
 * @since 0.1.0
 */
public final class KubernetesTargetGroupDiscovery implements TargetGroupSource {

	/**
	 * The prefix of the readiness gate condition types the self-managed controller
	 * injects.
	 */
	public static final String READINESS_GATE_PREFIX = "target-health.elbv2.k8s.aws/";

	/** The prefix of the readiness gate condition types EKS Auto Mode injects. */
	public static final String AUTO_MODE_READINESS_GATE_PREFIX = "target-health.eks.amazonaws.com/";

	private static final String RBAC_FIX = "grant the pod's service account get on pods and on "
			+ "targetgroupbindings.elbv2.k8s.aws (self-managed AWS Load Balancer Controller) or "
			+ "targetgroupbindings.eks.amazonaws.com (EKS Auto Mode) in its namespace "
			+ "(see k8s/aws/component/rbac.yaml), or set zdt.aws.target-group-arns";

	private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

	private final KubernetesApiClient api;

	private final @Nullable String namespace;

	private final Path namespaceFile;

	private final @Nullable String podName;

	private KubernetesTargetGroupDiscovery(Builder builder) {
		this.api = new KubernetesApiClient(builder.apiServer, builder.tokenFile, builder.caCertificateFile,
				builder.timeout, RBAC_FIX);
		this.namespace = builder.namespace;
		this.namespaceFile = builder.namespaceFile;
		this.podName = builder.podName;
	}

	/**
	 * Returns a builder that starts from the in-cluster defaults: the API server from
	 * {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}, the service
	 * account's token, CA certificate and namespace files, the pod name from
	 * {@code HOSTNAME}.
	 * @return the builder
	 */
	public static Builder builder() {
		return builder(System::getenv);
	}

	/**
	 * Returns a builder that starts from the in-cluster defaults, read from the given
	 * environment.
	 * @param environment the environment variables
	 * @return the builder
	 */
	public static Builder builder(UnaryOperator<@Nullable String> environment) {
		return new Builder(environment);
	}

	@Override
	public TargetGroups targetGroups() throws DiscoveryException {
		this.api.requireApiServer();
		String namespace = namespace();
		String pod = requirePodName();
		JsonNode podJson = this.api.get("/api/v1/namespaces/" + namespace + "/pods/" + pod,
				"pod " + namespace + "/" + pod, "set zdt.aws.pod-name when the pod name is not the HOSTNAME");
		List<Binding> bindings = targetGroupBindings(podJson);
		if (bindings.isEmpty()) {
			throw new DiscoveryException(
					"pod " + namespace + "/" + pod + " has no readiness gate " + READINESS_GATE_PREFIX + "* or "
							+ AUTO_MODE_READINESS_GATE_PREFIX + "*",
					"label the namespace elbv2.k8s.aws/pod-readiness-gate-inject=enabled (self-managed AWS Load "
							+ "Balancer Controller) or eks.amazonaws.com/pod-readiness-gate-inject=enabled (EKS Auto "
							+ "Mode) and restart the pods, or set zdt.aws.target-group-arns",
					true, null);
		}
		List<String> arns = new ArrayList<>();
		for (Binding binding : bindings) {
			String arn = targetGroupArn(namespace, binding);
			if (!arns.contains(arn)) {
				arns.add(arn);
			}
		}
		String podIp = text(podJson, "status", "podIP").orElse(null);
		return new TargetGroups(arns, podIp);
	}

	private String targetGroupArn(String namespace, Binding binding) throws DiscoveryException {
		String what = "TargetGroupBinding " + namespace + "/" + binding.name() + " ("
				+ binding.controller().apiVersion() + ")";
		JsonNode json = this.api.get("/apis/" + binding.controller().apiVersion() + "/namespaces/" + namespace
				+ "/targetgroupbindings/" + binding.name(), what, binding.controller().notFoundFix());
		if ("instance".equals(text(json, "spec", "targetType").orElse(null))) {
			throw new DiscoveryException(what + " uses instance targets: the load balancer knows the node, not the pod",
					"use alb.ingress.kubernetes.io/target-type: ip, or set zdt.drain.strategy to adaptive or fixed",
					true, null);
		}
		return text(json, "spec", "targetGroupARN")
			.orElseThrow(() -> new DiscoveryException(what + " has no spec.targetGroupARN",
					"set zdt.aws.target-group-arns", true, null));
	}

	private static List<Binding> targetGroupBindings(JsonNode pod) {
		List<Binding> bindings = new ArrayList<>();
		JsonNode gates = node(pod, "spec", "readinessGates").orElse(null);
		if (gates != null && gates.isArray()) {
			for (JsonNode gate : gates.asArray()) {
				String type = text(gate, "conditionType").orElse("");
				for (LoadBalancerController controller : LoadBalancerController.values()) {
					controller.binding(type).filter((binding) -> !bindings.contains(binding)).ifPresent(bindings::add);
				}
			}
		}
		return bindings;
	}

	private String requirePodName() throws DiscoveryException {
		if (this.podName == null || this.podName.isBlank()) {
			throw new DiscoveryException("the pod name is unknown (HOSTNAME is not set)", "set zdt.aws.pod-name", true,
					null);
		}
		return this.podName;
	}

	private String namespace() throws DiscoveryException {
		if (this.namespace != null) {
			return this.namespace;
		}
		try {
			return Files.readString(this.namespaceFile, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new DiscoveryException("no namespace file at " + this.namespaceFile,
					"mount the service account token (automountServiceAccountToken: true)", true, ex);
		}
	}

	/**
	 * Builds a {@link KubernetesTargetGroupDiscovery}.
	 */
	public static final class Builder {

		private @Nullable URI apiServer;

		private Path tokenFile = SERVICE_ACCOUNT.resolve("token");

		private @Nullable Path caCertificateFile = SERVICE_ACCOUNT.resolve("ca.crt");

		private @Nullable String namespace;

		private Path namespaceFile = SERVICE_ACCOUNT.resolve("namespace");

		private @Nullable String podName;

		private Duration timeout = Duration.ofSeconds(2);

		private Builder(UnaryOperator<@Nullable String> environment) {
			String host = environment.apply("KUBERNETES_SERVICE_HOST");
			if (host != null && !host.isBlank()) {
				String port = Objects.requireNonNullElse(environment.apply("KUBERNETES_SERVICE_PORT"), "443");
				String authority = (host.indexOf(':') >= 0) ? "[" + host + "]" : host;
				this.apiServer = URI.create("https://" + authority + ":" + port.trim());
			}
			this.podName = environment.apply("HOSTNAME");
		}

		/**
		 * Sets the base URI of the Kubernetes API server.
		 * @param apiServer the URI, such as {@code https://10.100.0.1:443}
		 * @return this builder
		 */
		public Builder apiServer(URI apiServer) {
			this.apiServer = Objects.requireNonNull(apiServer, "apiServer");
			return this;
		}

		/**
		 * Sets the file of the service account token, read at every request.
		 * @param tokenFile the file
		 * @return this builder
		 */
		public Builder tokenFile(Path tokenFile) {
			this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
			return this;
		}

		/**
		 * Sets the file of the CA certificates that sign the API server's certificate;
		 * when {@code null} or absent, the JDK's trust store applies.
		 * @param caCertificateFile the PEM file, or {@code null}
		 * @return this builder
		 */
		public Builder caCertificateFile(@Nullable Path caCertificateFile) {
			this.caCertificateFile = caCertificateFile;
			return this;
		}

		/**
		 * Sets the pod's namespace; by default it is read from the service account's
		 * namespace file.
		 * @param namespace the namespace
		 * @return this builder
		 */
		public Builder namespace(String namespace) {
			this.namespace = Objects.requireNonNull(namespace, "namespace");
			return this;
		}

		/**
		 * Sets the file the namespace is read from.
		 * @param namespaceFile the file
		 * @return this builder
		 */
		public Builder namespaceFile(Path namespaceFile) {
			this.namespaceFile = Objects.requireNonNull(namespaceFile, "namespaceFile");
			return this;
		}

		/**
		 * Sets the pod's name; defaults to the {@code HOSTNAME} environment variable.
		 * @param podName the pod name, or {@code null} to keep the default
		 * @return this builder
		 */
		public Builder podName(@Nullable String podName) {
			if (podName != null && !podName.isBlank()) {
				this.podName = podName.trim();
			}
			return this;
		}

		/**
		 * Sets the time-out of connecting and of each request, from sending it to the
		 * last byte of the answer. Defaults to 2 seconds.
		 * @param timeout the time-out
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Builds the discovery.
		 * @return the discovery
		 */
		public KubernetesTargetGroupDiscovery build() {
			return new KubernetesTargetGroupDiscovery(this);
		}

	}

}
