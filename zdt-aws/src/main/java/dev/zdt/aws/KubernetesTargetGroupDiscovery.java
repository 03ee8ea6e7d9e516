package dev.zdt.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Finds this pod's target groups through the Kubernetes API, with the pod's service account:
 * the load balancer controller gives the pod one readiness gate per target group, named after
 * the TargetGroupBinding, and each TargetGroupBinding names its target group in
 * {@code spec.targetGroupARN}. Both controllers are understood, side by side:
 * <ul>
 * <li>the self-managed AWS Load Balancer Controller: gates
 * {@code target-health.elbv2.k8s.aws/<TargetGroupBinding>}, bindings in
 * {@code elbv2.k8s.aws/v1beta1};</li>
 * <li>EKS Auto Mode's built-in load balancing: gates
 * {@code target-health.eks.amazonaws.com/<TargetGroupBinding>}, bindings in
 * {@code eks.amazonaws.com/v1}.</li>
 * </ul>
 * A pod behind a shared ALB (an IngressGroup) or behind several Services or ports carries one
 * gate per target group; every one of them is returned. Needs {@code get} on {@code pods} and on
 * {@code targetgroupbindings} of the controller's API group in the pod's namespace.
 * @since 0.1.0
 */
public final class KubernetesTargetGroupDiscovery implements TargetGroupSource {

	/** The prefix of the readiness gate condition types the self-managed controller injects. */
	public static final String READINESS_GATE_PREFIX = "target-health.elbv2.k8s.aws/";

	/** The prefix of the readiness gate condition types EKS Auto Mode injects. */
	public static final String AUTO_MODE_READINESS_GATE_PREFIX = "target-health.eks.amazonaws.com/";

	private static final String RBAC_FIX = "grant the pod's service account get on pods and on "
			+ "targetgroupbindings.elbv2.k8s.aws (self-managed AWS Load Balancer Controller) or "
			+ "targetgroupbindings.eks.amazonaws.com (EKS Auto Mode) in its namespace "
			+ "(see k8s/aws/component/rbac.yaml), or set zdt.aws.target-group-arns";

	private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

	private final @Nullable URI apiServer;

	private final Path tokenFile;

	private final @Nullable Path caCertificateFile;

	private final @Nullable String namespace;

	private final Path namespaceFile;

	private final @Nullable String podName;

	private final Duration timeout;

	private final JsonNodeParser parser = JsonNode.parser();

	private volatile @Nullable HttpClient httpClient;

	private KubernetesTargetGroupDiscovery(Builder builder) {
		this.apiServer = builder.apiServer;
		this.tokenFile = builder.tokenFile;
		this.caCertificateFile = builder.caCertificateFile;
		this.namespace = builder.namespace;
		this.namespaceFile = builder.namespaceFile;
		this.podName = builder.podName;
		this.timeout = builder.timeout;
	}

	/**
	 * Returns a builder that starts from the in-cluster defaults: the API server from
	 * {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}, the service account's
	 * token, CA certificate and namespace files, the pod name from {@code HOSTNAME}.
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
		requireApiServer();
		String namespace = namespace();
		String pod = requirePodName();
		JsonNode podJson = get("/api/v1/namespaces/" + namespace + "/pods/" + pod, "pod " + namespace + "/" + pod,
				"set zdt.aws.pod-name when the pod name is not the HOSTNAME");
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
		JsonNode json = get("/apis/" + binding.controller().apiVersion() + "/namespaces/" + namespace
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
				for (Controller controller : Controller.values()) {
					controller.binding(type).filter((binding) -> !bindings.contains(binding)).ifPresent(bindings::add);
				}
			}
		}
		return bindings;
	}

	private JsonNode get(String path, String what, String notFoundFix) throws DiscoveryException {
		URI uri = requireApiServer().resolve(path);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + token())
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response = exchange(request, what);
		try {
			int status = response.statusCode();
			if (status == 200) {
				return this.parser.parse(new ByteArrayInputStream(response.body()));
			}
			String message = "the Kubernetes API answered " + status + " to GET " + what;
			if (status == 401) {
				throw new DiscoveryException(message + ": the service account token was refused",
						"mount the service account token (automountServiceAccountToken: true)", true, null);
			}
			if (status == 403) {
				throw new DiscoveryException(message, RBAC_FIX, true, null);
			}
			if (status == 404) {
				throw new DiscoveryException(message, notFoundFix, true, null);
			}
			boolean permanent = status >= 400 && status < 500 && status != 429;
			throw new DiscoveryException(message, "none needed if it passes", permanent, null);
		}
		catch (RuntimeException ex) {
			throw new DiscoveryException("the Kubernetes API sent an unreadable answer to GET " + what + ": " + ex,
					"none needed if it passes", false, ex);
		}
	}

	/**
	 * Sends the request and reads the whole answer within the time-out: the request's own
	 * time-out covers only the wait for the response headers, and an API server that stalls
	 * in the middle of the body would otherwise hold the calling thread for good.
	 */
	private HttpResponse<byte[]> exchange(HttpRequest request, String what) throws DiscoveryException {
		String authority = request.uri().getAuthority();
		CompletableFuture<HttpResponse<byte[]>> exchange = httpClient().sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			return exchange.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw notInTime(authority, what, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				throw notInTime(authority, what, cause);
			}
			throw new DiscoveryException("the Kubernetes API at " + authority + " could not be reached: " + cause,
					"check that the pod can reach the API server, or set zdt.aws.target-group-arns", false, cause);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new DiscoveryException("interrupted while asking the Kubernetes API for " + what, "none", false, ex);
		}
	}

	private DiscoveryException notInTime(String authority, String what, Throwable cause) {
		return new DiscoveryException("the Kubernetes API at " + authority + " did not answer GET " + what
				+ " in time (" + this.timeout.toMillis() + " ms)",
				"check that the pod can reach the API server, or set zdt.aws.target-group-arns", false, cause);
	}

	private String token() throws DiscoveryException {
		try {
			// Read each time: projected service account tokens are rotated.
			return Files.readString(this.tokenFile, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new DiscoveryException("no service account token at " + this.tokenFile,
					"mount the service account token (automountServiceAccountToken: true), "
							+ "or set zdt.aws.target-group-arns",
					true, ex);
		}
	}

	private URI requireApiServer() throws DiscoveryException {
		if (this.apiServer == null) {
			throw new DiscoveryException("not running in Kubernetes (KUBERNETES_SERVICE_HOST is not set)",
					"set zdt.aws.target-group-arns", true, null);
		}
		return this.apiServer;
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

	private HttpClient httpClient() throws DiscoveryException {
		HttpClient client = this.httpClient;
		if (client == null) {
			HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(this.timeout);
			if (this.caCertificateFile != null && Files.isReadable(this.caCertificateFile)) {
				builder.sslContext(sslContext(this.caCertificateFile));
			}
			client = builder.build();
			this.httpClient = client;
		}
		return client;
	}

	private static SSLContext sslContext(Path caCertificateFile) throws DiscoveryException {
		try (InputStream in = Files.newInputStream(caCertificateFile)) {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trustStore.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new DiscoveryException("the CA certificate at " + caCertificateFile + " cannot be used: " + ex,
					"mount the service account token (automountServiceAccountToken: true)", true, ex);
		}
	}

	private static Optional<JsonNode> node(JsonNode node, String... path) {
		Optional<JsonNode> current = Optional.of(node);
		for (String field : path) {
			current = current.flatMap((value) -> value.field(field));
		}
		return current.filter((value) -> !value.isNull());
	}

	private static Optional<String> text(JsonNode node, String... path) {
		return node(node, path).filter(JsonNode::isString).map(JsonNode::asString);
	}

	/**
	 * The controllers that inject target health readiness gates, and where each keeps its
	 * TargetGroupBindings.
	 */
	private enum Controller {

		SELF_MANAGED(READINESS_GATE_PREFIX, "elbv2.k8s.aws/v1beta1", "targetgroupbindings.elbv2.k8s.aws",
				"check that the AWS Load Balancer Controller is installed and manages this pod's Service"),

		/*
		 * EKS Auto Mode serves TargetGroupBindings as targetgroupbindings.eks.amazonaws.com,
		 * version v1: the version of the CRD Auto Mode installs (kubectl get crd) and of the
		 * group's other kinds in the EKS user guide (IngressClassParams and NodeClass are
		 * eks.amazonaws.com/v1, "Create an IngressClass to configure an Application Load
		 * Balancer", docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html).
		 */
		AUTO_MODE(AUTO_MODE_READINESS_GATE_PREFIX, "eks.amazonaws.com/v1", "targetgroupbindings.eks.amazonaws.com",
				"check that EKS Auto Mode's load balancing manages this pod's Service");

		private final String gatePrefix;

		private final String apiVersion;

		private final String resource;

		private final String notFoundFix;

		Controller(String gatePrefix, String apiVersion, String resource, String notFoundFix) {
			this.gatePrefix = gatePrefix;
			this.apiVersion = apiVersion;
			this.resource = resource;
			this.notFoundFix = notFoundFix;
		}

		Optional<Binding> binding(String readinessGate) {
			if (readinessGate.startsWith(this.gatePrefix) && readinessGate.length() > this.gatePrefix.length()) {
				return Optional.of(new Binding(this, readinessGate.substring(this.gatePrefix.length())));
			}
			return Optional.empty();
		}

		String apiVersion() {
			return this.apiVersion;
		}

		String notFoundFix() {
			return this.notFoundFix + " (" + this.resource + ")";
		}

	}

	private record Binding(Controller controller, String name) {

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
		 * Sets the file of the CA certificates that sign the API server's certificate; when
		 * {@code null} or absent, the JDK's trust store applies.
		 * @param caCertificateFile the PEM file, or {@code null}
		 * @return this builder
		 */
		public Builder caCertificateFile(@Nullable Path caCertificateFile) {
			this.caCertificateFile = caCertificateFile;
			return this;
		}

		/**
		 * Sets the pod's namespace; by default it is read from the service account's namespace
		 * file.
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
		 * Sets the time-out of connecting and of each request, from sending it to the last byte of
	 * the answer. Defaults to 2 seconds.
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
