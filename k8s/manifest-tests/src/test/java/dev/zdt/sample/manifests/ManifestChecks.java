package dev.zdt.sample.manifests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.zdt.boot.actuate.ZdtEndpoint;
import dev.zdt.boot.autoconfigure.ZdtProperties;
import dev.zdt.core.ShutdownBudget;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the {@link ManifestRule rules} on a set of manifests against the app's settings.
 */
final class ManifestChecks {

	/** The ALB's idle timeout when the Ingress does not set one. */
	static final Duration DEFAULT_ALB_IDLE_TIMEOUT = Duration.ofSeconds(60);

	private static final String ALB = "alb.ingress.kubernetes.io/";

	private static final LoadBalancerController SELF_MANAGED = new LoadBalancerController("ingress.k8s.aws/alb",
			"elbv2.k8s.aws", "elbv2.k8s.aws/pod-readiness-gate-inject");

	private static final LoadBalancerController AUTO_MODE = new LoadBalancerController("eks.amazonaws.com/alb",
			"eks.amazonaws.com", "eks.amazonaws.com/pod-readiness-gate-inject");

	private final Manifests manifests;

	private final AppSettings app;

	private final Map<String, Object> deployment;

	private final Map<String, Object> pod;

	private final Map<String, Object> container;

	private final Map<String, Object> ingress;

	private final List<Violation> violations = new ArrayList<>();

	private ManifestChecks(Manifests manifests, AppSettings app) {
		this.manifests = manifests;
		this.app = app;
		this.deployment = manifests.only("Deployment");
		this.pod = Yamls.map(this.deployment, "spec", "template", "spec");
		this.container = Yamls.map(Yamls.list(this.pod, "containers").stream().findFirst().orElse(null));
		this.ingress = manifests.only("Ingress");
	}

	static List<Violation> check(Manifests manifests, AppSettings app) {
		ManifestChecks checks = new ManifestChecks(manifests, app);
		checks.preStop();
		checks.drainToken();
		checks.ports();
		checks.probes();
		checks.albHealthCheck();
		checks.targetType();
		checks.gracePeriod();
		checks.deregistrationDelay();
		checks.namespace();
		checks.ingressClass();
		checks.targetHealthRbac();
		checks.rollingUpdate();
		checks.podIp();
		checks.idleTimeout();
		checks.serviceRouting();
		checks.securityContext();
		checks.disruptionBudget();
		checks.istioSidecar();
		return List.copyOf(checks.violations);
	}

	private void preStop() {
		Map<String, Object> httpGet = Yamls.map(this.container, "lifecycle", "preStop", "httpGet");
		String path = Yamls.string(httpGet, "path");
		int port = resolvePort(Yamls.at(httpGet, "port"));
		require(ManifestRule.PRESTOP_DRAIN_ENDPOINT,
				this.app.drainPath().equals(path) && port == this.app.managementPort(),
				"preStop httpGet must call %s on the management port %d, found path %s port %s", this.app.drainPath(),
				this.app.managementPort(), path, Yamls.at(httpGet, "port"));
		String scheme = Yamls.string(httpGet, "scheme");
		require(ManifestRule.PRESTOP_DRAIN_ENDPOINT, scheme == null || "HTTP".equals(scheme),
				"preStop httpGet must use HTTP: the management port serves plain HTTP, found %s", scheme);
		require(ManifestRule.PRESTOP_DRAIN_ENDPOINT, exposes("zdt"),
				"the app must expose the zdt endpoint (management.endpoints.web.exposure.include), exposes %s",
				this.app.exposedEndpoints());
		Map<String, Object> header = Yamls.list(httpGet, "httpHeaders")
			.stream()
			.map(Yamls::map)
			.filter((candidate) -> ZdtEndpoint.TOKEN_HEADER.equalsIgnoreCase(Yamls.string(candidate, "name")))
			.findFirst()
			.orElse(Map.of());
		require(ManifestRule.PRESTOP_TOKEN, !header.isEmpty(), "preStop httpGet must send the %s header, sends %s",
				ZdtEndpoint.TOKEN_HEADER, Yamls.list(httpGet, "httpHeaders"));
		String secretToken = secretValue(envSource("ZDT_DRAIN_TOKEN"));
		require(ManifestRule.PRESTOP_TOKEN,
				header.isEmpty() || Objects.equals(Yamls.string(header, "value"), secretToken),
				"the preStop %s header must carry the token the app gets from the Secret (ZDT_DRAIN_TOKEN)",
				ZdtEndpoint.TOKEN_HEADER);
	}

	private void drainToken() {
		Map<String, Object> reference = envSource("ZDT_DRAIN_TOKEN");
		String token = secretValue(reference);
		require(ManifestRule.DRAIN_TOKEN_SECRET, token != null && !token.isBlank(),
				"env ZDT_DRAIN_TOKEN must come from a key of a Secret in the manifests (secretKeyRef), found %s",
				reference);
		ZdtProperties bound = AppSettings.bindZdtProperties(envValues());
		require(ManifestRule.DRAIN_TOKEN_SECRET, bound.getDrain().getToken() != null,
				"the container env must set zdt.drain.token (as ZDT_DRAIN_TOKEN)");
	}

	private void ports() {
		int http = containerPort("http");
		int management = containerPort("management");
		require(ManifestRule.PORTS, http == this.app.serverPort(),
				"container port 'http' must be the app's server.port %d, found %d", this.app.serverPort(), http);
		require(ManifestRule.PORTS, management == this.app.managementPort() && management != http,
				"container port 'management' must be the app's management.server.port %d (not the http port), found %d",
				this.app.managementPort(), management);
	}

	private void probes() {
		require(ManifestRule.PROBES, this.app.healthProbesEnabled() && exposes("health"),
				"the app must enable management.endpoint.health.probes and expose health for the probes to exist");
		probe("startupProbe", this.app.livenessPath());
		probe("livenessProbe", this.app.livenessPath());
		probe("readinessProbe", this.app.readinessPath());
	}

	private void probe(String name, String expectedPath) {
		Map<String, Object> httpGet = Yamls.map(this.container, name, "httpGet");
		String path = Yamls.string(httpGet, "path");
		int port = resolvePort(Yamls.at(httpGet, "port"));
		require(ManifestRule.PROBES, expectedPath.equals(path) && port == this.app.managementPort(),
				"%s must ask %s on the management port %d, found path %s port %s", name, expectedPath,
				this.app.managementPort(), path, Yamls.at(httpGet, "port"));
	}

	private void albHealthCheck() {
		String path = annotation("healthcheck-path");
		String port = annotation("healthcheck-port");
		require(ManifestRule.ALB_HEALTH_CHECK, this.app.readinessPath().equals(path),
				"the ALB health check path must be the readiness path %s, found %s", this.app.readinessPath(), path);
		require(ManifestRule.ALB_HEALTH_CHECK, String.valueOf(this.app.managementPort()).equals(port),
				"the ALB health check port must be the management port %d, found %s", this.app.managementPort(), port);
	}

	private void targetType() {
		require(ManifestRule.TARGET_TYPE_IP, "ip".equals(annotation("target-type")),
				"the Ingress must use target-type ip, found %s", annotation("target-type"));
		require(ManifestRule.TARGET_TYPE_IP, "alb".equals(Yamls.string(this.ingress, "spec", "ingressClassName")),
				"the Ingress must use ingressClassName alb, found %s",
				Yamls.string(this.ingress, "spec", "ingressClassName"));
	}

	private void gracePeriod() {
		Duration grace = seconds(Yamls.at(this.pod, "terminationGracePeriodSeconds"), Duration.ofSeconds(30));
		ShutdownBudget budget = budget();
		require(ManifestRule.GRACE_PERIOD, budget.fitsGracePeriod(grace),
				"terminationGracePeriodSeconds %d must be at least max hold %ds + shutdown timeout %ds + %ds to exit = %ds "
						+ "(docs/shutdown-budget.md)",
				grace.toSeconds(), this.app.maxHold().toSeconds(), this.app.shutdownTimeout().toSeconds(),
				ShutdownBudget.EXIT_MARGIN.toSeconds(), budget.requiredGracePeriod().toSeconds());
		ZdtProperties bound = AppSettings.bindZdtProperties(envValues());
		require(ManifestRule.GRACE_PERIOD_ENV, grace.equals(bound.getTerminationGracePeriod()),
				"the container env must set zdt.termination-grace-period (ZDT_TERMINATION_GRACE_PERIOD) to "
						+ "terminationGracePeriodSeconds %ds, the app sees %s",
				grace.toSeconds(), bound.getTerminationGracePeriod());
	}

	private void deregistrationDelay() {
		String delay = attributes(annotation("target-group-attributes")).get("deregistration_delay.timeout_seconds");
		ShutdownBudget budget = budget();
		require(ManifestRule.DEREGISTRATION_DELAY,
				delay != null && budget.fitsDeregistrationDelay(seconds(delay, Duration.ZERO)),
				"target-group-attributes must set deregistration_delay.timeout_seconds to at least max hold + shutdown "
						+ "timeout = %ds, found %s",
				budget.requiredDeregistrationDelay().toSeconds(), delay);
	}

	/** The app's budget, by the same rule its startup check applies. */
	private ShutdownBudget budget() {
		return new ShutdownBudget(this.app.maxHold(), this.app.shutdownTimeout());
	}

	private void namespace() {
		String namespace = Yamls.string(this.deployment, "metadata", "namespace");
		Map<String, Object> resource = this.manifests.find("Namespace", namespace);
		String label = controller().readinessGateLabel();
		require(ManifestRule.NAMESPACE_READINESS_GATE,
				resource != null && "enabled".equals(Yamls.string(resource, "metadata", "labels", label)),
				"the Deployment's namespace %s must be in the manifests with the label %s: enabled (the label of the "
						+ "controller that serves the Ingress)",
				namespace, label);
	}

	private void ingressClass() {
		Map<String, Object> ingressClass = this.manifests.find("IngressClass",
				Yamls.string(this.ingress, "spec", "ingressClassName"));
		if (ingressClass == null) {
			return;
		}
		String controllerName = Yamls.string(ingressClass, "spec", "controller");
		LoadBalancerController controller = controller();
		require(ManifestRule.INGRESS_CLASS, controller.ingressClassController().equals(controllerName),
				"the IngressClass must be served by %s or %s, found %s", SELF_MANAGED.ingressClassController(),
				AUTO_MODE.ingressClassController(), controllerName);
		Map<String, Object> parameters = Yamls.map(ingressClass, "spec", "parameters");
		if (!parameters.isEmpty()) {
			Map<String, Object> params = this.manifests.find("IngressClassParams", Yamls.string(parameters, "name"));
			String paramsApiVersion = Yamls.string(params, "apiVersion");
			require(ManifestRule.INGRESS_CLASS,
					controller.apiGroup().equals(Yamls.string(parameters, "apiGroup")) && params != null
							&& paramsApiVersion != null && paramsApiVersion.startsWith(controller.apiGroup() + "/"),
					"the IngressClass parameters must name an IngressClassParams of API group %s in the manifests, "
							+ "found %s and %s",
					controller.apiGroup(), parameters, paramsApiVersion);
		}
		require(ManifestRule.INGRESS_CLASS, controller != AUTO_MODE || annotation("group.name") == null,
				"EKS Auto Mode ignores alb.ingress.kubernetes.io/group.name: share an ALB through the "
						+ "IngressClassParams' spec.group.name");
	}

	private void targetHealthRbac() {
		String serviceAccount = Yamls.string(this.pod, "serviceAccountName");
		for (Map<String, Object> binding : this.manifests.all("RoleBinding")) {
			boolean bindsTheApp = Yamls.list(binding, "subjects")
				.stream()
				.anyMatch((subject) -> "ServiceAccount".equals(Yamls.string(subject, "kind"))
						&& Objects.equals(serviceAccount, Yamls.string(subject, "name")));
			Map<String, Object> role = this.manifests.find("Role", Yamls.string(binding, "roleRef", "name"));
			if (!bindsTheApp || role == null) {
				continue;
			}
			String group = controller().apiGroup();
			require(ManifestRule.TARGET_HEALTH_RBAC,
					grants(role, "", "pods", "get") && grants(role, group, "targetgroupbindings", "get"),
					"the Role %s bound to the app's service account must grant get on pods and on "
							+ "targetgroupbindings.%s, the TargetGroupBindings of the controller that serves the Ingress",
					Yamls.string(role, "metadata", "name"), group);
		}
	}

	private static boolean grants(Map<String, Object> role, String apiGroup, String resource, String verb) {
		return Yamls.list(role, "rules")
			.stream()
			.anyMatch((rule) -> Yamls.list(rule, "apiGroups").contains(apiGroup)
					&& Yamls.list(rule, "resources").contains(resource) && Yamls.list(rule, "verbs").contains(verb));
	}

	/**
	 * Returns the controller that serves the Ingress: EKS Auto Mode when the manifests
	 * hold its IngressClass, else the self-managed AWS Load Balancer Controller.
	 */
	private LoadBalancerController controller() {
		Map<String, Object> ingressClass = this.manifests.find("IngressClass",
				Yamls.string(this.ingress, "spec", "ingressClassName"));
		return AUTO_MODE.ingressClassController().equals(Yamls.string(ingressClass, "spec", "controller")) ? AUTO_MODE
				: SELF_MANAGED;
	}

	private void istioSidecar() {
		if (!getsIstioSidecar()) {
			return;
		}
		Map<String, Object> annotations = Yamls.map(this.deployment, "spec", "template", "metadata", "annotations");
		String excluded = Yamls.string(annotations, "traffic.sidecar.istio.io/excludeInboundPorts");
		String management = String.valueOf(this.app.managementPort());
		require(ManifestRule.ISTIO_SIDECAR,
				excluded != null
						&& List.of(excluded.split(",")).stream().map(String::trim).anyMatch(management::equals),
				"with an Istio sidecar, traffic.sidecar.istio.io/excludeInboundPorts must list the management port %s "
						+ "(kubelet's preStop and probes and the ALB health check are not mTLS), found %s",
				management, excluded);
		require(ManifestRule.ISTIO_SIDECAR,
				"true".equals(Yamls.string(annotations, "sidecar.istio.io/nativeSidecar"))
						|| exitsOnZeroConnections(Yamls.string(annotations, "proxy.istio.io/config")),
				"with an Istio sidecar, Envoy must outlive the app's drain: sidecar.istio.io/nativeSidecar: \"true\" or "
						+ "proxy.istio.io/config proxyMetadata EXIT_ON_ZERO_ACTIVE_CONNECTIONS: \"true\"");
		require(ManifestRule.ISTIO_SIDECAR, acceptsPlainHttpFromTheAlb(),
				"with an Istio sidecar, a PeerAuthentication selecting the pods must accept plain HTTP from the ALB on "
						+ "the http port %d (portLevelMtls PERMISSIVE)",
				this.app.serverPort());
	}

	private boolean getsIstioSidecar() {
		Map<String, Object> podLabels = Yamls.map(this.deployment, "spec", "template", "metadata", "labels");
		String injectLabel = Yamls.string(podLabels, "sidecar.istio.io/inject");
		if ("false".equals(injectLabel)) {
			return false;
		}
		Map<String, Object> namespace = this.manifests.find("Namespace",
				Yamls.string(this.deployment, "metadata", "namespace"));
		Map<String, Object> namespaceLabels = Yamls.map(namespace, "metadata", "labels");
		return "true".equals(injectLabel) || "enabled".equals(Yamls.string(namespaceLabels, "istio-injection"))
				|| Yamls.string(namespaceLabels, "istio.io/rev") != null;
	}

	private static boolean exitsOnZeroConnections(@Nullable String proxyConfig) {
		if (proxyConfig == null) {
			return false;
		}
		Object config = new Yaml().load(proxyConfig);
		return "true".equals(Yamls.string(config, "proxyMetadata", "EXIT_ON_ZERO_ACTIVE_CONNECTIONS"));
	}

	private boolean acceptsPlainHttpFromTheAlb() {
		Map<String, Object> podLabels = Yamls.map(this.deployment, "spec", "template", "metadata", "labels");
		String httpPort = String.valueOf(this.app.serverPort());
		return this.manifests.all("PeerAuthentication").stream().filter((policy) -> {
			Map<String, Object> selected = Yamls.map(policy, "spec", "selector", "matchLabels");
			return !selected.isEmpty() && podLabels.entrySet().containsAll(selected.entrySet());
		}).anyMatch((policy) -> {
			String portMode = Yamls.string(policy, "spec", "portLevelMtls", httpPort, "mode");
			String mode = (portMode != null) ? portMode : Yamls.string(policy, "spec", "mtls", "mode");
			return "PERMISSIVE".equals(mode) || "DISABLE".equals(mode);
		});
	}

	private void rollingUpdate() {
		Map<String, Object> rollingUpdate = Yamls.map(this.deployment, "spec", "strategy", "rollingUpdate");
		String maxUnavailable = Yamls.string(rollingUpdate, "maxUnavailable");
		String maxSurge = Yamls.string(rollingUpdate, "maxSurge");
		Object replicas = Yamls.at(this.deployment, "spec", "replicas");
		require(ManifestRule.ROLLING_UPDATE,
				("0".equals(maxUnavailable) || "0%".equals(maxUnavailable)) && maxSurge != null
						&& !maxSurge.startsWith("0") && replicas instanceof Integer count && count >= 2,
				"the Deployment must keep at least 2 replicas and roll with maxUnavailable 0, maxSurge >= 1; found "
						+ "replicas %s, maxUnavailable %s, maxSurge %s",
				replicas, maxUnavailable, maxSurge);
	}

	private void podIp() {
		require(ManifestRule.POD_IP, "status.podIP".equals(Yamls.string(envSource("POD_IP"), "fieldRef", "fieldPath")),
				"env POD_IP must come from the downward API (fieldRef status.podIP)");
	}

	private void idleTimeout() {
		String idle = attributes(annotation("load-balancer-attributes")).get("idle_timeout.timeout_seconds");
		Duration albIdle = (idle != null) ? seconds(idle, Duration.ZERO) : DEFAULT_ALB_IDLE_TIMEOUT;
		require(ManifestRule.IDLE_TIMEOUT, albIdle.compareTo(this.app.keepAliveTimeout()) < 0,
				"the ALB idle timeout %ds must be shorter than the app's keep-alive timeout %ds, or the ALB may reuse "
						+ "a connection the app has just closed (502)",
				albIdle.toSeconds(), this.app.keepAliveTimeout().toSeconds());
	}

	private void serviceRouting() {
		Map<String, Object> backend = Yamls.map(
				Yamls.list(Yamls.list(this.ingress, "spec", "rules").stream().findFirst().orElse(null), "http", "paths")
					.stream()
					.findFirst()
					.orElse(null),
				"backend", "service");
		Map<String, Object> service = this.manifests.find("Service", Yamls.string(backend, "name"));
		require(ManifestRule.SERVICE_ROUTING, service != null, "the Ingress must route to a Service in the manifests");
		if (service == null) {
			return;
		}
		require(ManifestRule.SERVICE_ROUTING, selects(Yamls.map(service, "spec", "selector")),
				"the Service selector must match the pod labels");
		String portName = Yamls.string(backend, "port", "name");
		String portNumber = Yamls.string(backend, "port", "number");
		Map<String, Object> servicePort = Yamls.list(service, "spec", "ports")
			.stream()
			.map(Yamls::map)
			.filter((port) -> (portName != null) ? portName.equals(Yamls.string(port, "name"))
					: Objects.equals(portNumber, Yamls.string(port, "port")))
			.findFirst()
			.orElse(Map.of());
		require(ManifestRule.SERVICE_ROUTING, resolvePort(Yamls.at(servicePort, "targetPort")) == this.app.serverPort(),
				"the Ingress must route to a Service port whose targetPort is the app port %d, found %s",
				this.app.serverPort(), servicePort);
	}

	private void securityContext() {
		boolean nonRoot = Boolean.TRUE.equals(Yamls.at(this.pod, "securityContext", "runAsNonRoot"))
				|| Boolean.TRUE.equals(Yamls.at(this.container, "securityContext", "runAsNonRoot"));
		boolean readOnly = Boolean.TRUE.equals(Yamls.at(this.container, "securityContext", "readOnlyRootFilesystem"));
		String tmpVolume = Yamls.list(this.container, "volumeMounts")
			.stream()
			.filter((mount) -> "/tmp".equals(Yamls.string(mount, "mountPath")))
			.map((mount) -> Yamls.string(mount, "name"))
			.findFirst()
			.orElse(null);
		boolean tmpIsEmptyDir = tmpVolume != null
				&& Yamls.at(Yamls.named(Yamls.list(this.pod, "volumes"), tmpVolume), "emptyDir") != null;
		require(ManifestRule.SECURITY_CONTEXT, nonRoot && readOnly && tmpIsEmptyDir,
				"the container must run as non-root with a read-only root file system and an emptyDir at /tmp; found "
						+ "runAsNonRoot %s, readOnlyRootFilesystem %s, /tmp volume %s",
				nonRoot, readOnly, tmpVolume);
	}

	private void disruptionBudget() {
		List<Map<String, Object>> budgets = this.manifests.all("PodDisruptionBudget");
		Map<String, Object> budget = budgets.isEmpty() ? Map.of() : budgets.get(0);
		Object minAvailable = Yamls.at(budget, "spec", "minAvailable");
		Object replicas = Yamls.at(this.deployment, "spec", "replicas");
		require(ManifestRule.DISRUPTION_BUDGET,
				!budget.isEmpty() && selects(Yamls.map(budget, "spec", "selector", "matchLabels"))
						&& minAvailable instanceof Integer min && replicas instanceof Integer count && min >= 1
						&& min < count,
				"a PodDisruptionBudget must select the pods with 1 <= minAvailable < replicas, found minAvailable %s "
						+ "for %s replicas",
				minAvailable, replicas);
	}

	private boolean selects(Map<String, Object> selector) {
		Map<String, Object> labels = Yamls.map(this.deployment, "spec", "template", "metadata", "labels");
		return !selector.isEmpty() && selector.entrySet()
			.stream()
			.allMatch(
					(entry) -> Objects.equals(String.valueOf(entry.getValue()), Yamls.string(labels, entry.getKey())));
	}

	private boolean exposes(String endpoint) {
		return this.app.exposedEndpoints().contains(endpoint) || this.app.exposedEndpoints().contains("*");
	}

	private @Nullable String annotation(String name) {
		return Yamls.string(this.ingress, "metadata", "annotations", ALB + name);
	}

	private int containerPort(String name) {
		Object port = Yamls.at(Yamls.named(Yamls.list(this.container, "ports"), name), "containerPort");
		return (port instanceof Integer number) ? number : -1;
	}

	private int resolvePort(@Nullable Object port) {
		if (port instanceof Integer number) {
			return number;
		}
		if (port instanceof String name) {
			return name.chars().allMatch(Character::isDigit) && !name.isEmpty() ? Integer.parseInt(name)
					: containerPort(name);
		}
		return -1;
	}

	private Map<String, Object> envSource(String name) {
		return Yamls.map(Yamls.named(Yamls.list(this.container, "env"), name), "valueFrom");
	}

	/**
	 * Returns the container's environment as the app would see it: literal values, and
	 * Secret values where the manifests hold the Secret.
	 */
	private Map<String, Object> envValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Object variable : Yamls.list(this.container, "env")) {
			String name = Yamls.string(variable, "name");
			String value = Yamls.string(variable, "value");
			if (value == null) {
				value = secretValue(Yamls.map(variable, "valueFrom"));
			}
			if (name != null && value != null) {
				values.put(name, value);
			}
		}
		return values;
	}

	private @Nullable String secretValue(Map<String, Object> valueFrom) {
		String name = Yamls.string(valueFrom, "secretKeyRef", "name");
		String key = Yamls.string(valueFrom, "secretKeyRef", "key");
		Map<String, Object> secret = this.manifests.find("Secret", name);
		if (secret == null || key == null) {
			return null;
		}
		String plain = Yamls.string(secret, "stringData", key);
		if (plain != null) {
			return plain;
		}
		String encoded = Yamls.string(secret, "data", key);
		return (encoded != null) ? new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8) : null;
	}

	private static Map<String, String> attributes(@Nullable String annotation) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (annotation != null) {
			for (String pair : annotation.split(",")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					attributes.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
				}
			}
		}
		return attributes;
	}

	private static Duration seconds(@Nullable Object value, Duration fallback) {
		if (value instanceof Integer number) {
			return Duration.ofSeconds(number);
		}
		if (value instanceof String text && text.strip().matches("\\d+")) {
			return Duration.ofSeconds(Long.parseLong(text.strip()));
		}
		return fallback;
	}

	private void require(ManifestRule rule, boolean condition, String message, @Nullable Object... arguments) {
		if (!condition) {
			this.violations.add(new Violation(rule, String.format(message, arguments)));
		}
	}

	/**
	 * The names a load balancer controller goes by.
	 *
	 * @param ingressClassController the IngressClass's {@code spec.controller}
	 * @param apiGroup the API group of its TargetGroupBindings and IngressClassParams
	 * @param readinessGateLabel the namespace label that turns readiness gate injection
	 * on
	 */
	private record LoadBalancerController(String ingressClassController, String apiGroup, String readinessGateLabel) {

	}

	/**
	 * A rule the manifests break, and how.
	 *
	 * @param rule the rule
	 * @param message what is wrong and what would be right
	 */
	record Violation(ManifestRule rule, String message) {

		@Override
		public String toString() {
			return this.rule + ": " + this.message;
		}

	}

}
