package dev.zdt.sample.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule catches its breakage: a copy of {@code k8s/base} with one edit (or the app's
 * settings with one change) fails that rule.
 */
class ManifestBreakageTests {

	@TempDir
	Path copy;

	static Stream<Arguments> manifestBreakages() {
		return Stream.of(
				breakage(ManifestRule.PRESTOP_DRAIN_ENDPOINT, "deployment.yaml", "path: /actuator/zdt/drain",
						"path: /actuator/zdt"),
				breakage(ManifestRule.PRESTOP_DRAIN_ENDPOINT, "deployment.yaml",
						"path: /actuator/zdt/drain\n                port: management",
						"path: /actuator/zdt/drain\n                port: http"),
				breakage(ManifestRule.PRESTOP_TOKEN, "deployment.yaml", "- name: X-Zdt-Token", "- name: X-Drain-Token"),
				breakage(ManifestRule.PRESTOP_TOKEN, "deployment.yaml", "value: replace-me-with-openssl-rand-hex-32",
						"value: some-other-token"),
				breakage(ManifestRule.DRAIN_TOKEN_SECRET, "deployment.yaml", "- name: ZDT_DRAIN_TOKEN",
						"- name: DRAIN_TOKEN"),
				breakage(ManifestRule.DRAIN_TOKEN_SECRET, "drain-token-secret.yaml", "name: zdt-drain-token",
						"name: another-secret"),
				breakage(ManifestRule.PORTS, "deployment.yaml", "containerPort: 8081", "containerPort: 9090"),
				breakage(ManifestRule.PROBES, "deployment.yaml",
						"readinessProbe:\n            httpGet:\n              path: /actuator/health/readiness",
						"readinessProbe:\n            httpGet:\n              path: /actuator/health"),
				breakage(ManifestRule.PROBES, "deployment.yaml",
						"path: /actuator/health/liveness\n              port: management\n            periodSeconds: 10",
						"path: /actuator/health/liveness\n              port: http\n            periodSeconds: 10"),
				breakage(ManifestRule.ALB_HEALTH_CHECK, "ingress.yaml", "healthcheck-path: /actuator/health/readiness",
						"healthcheck-path: /actuator/health/liveness"),
				breakage(ManifestRule.ALB_HEALTH_CHECK, "ingress.yaml", "healthcheck-port: \"8081\"",
						"healthcheck-port: traffic-port"),
				breakage(ManifestRule.TARGET_TYPE_IP, "ingress.yaml", "target-type: ip", "target-type: instance"),
				breakage(ManifestRule.ISTIO_SIDECAR, "namespace.yaml", "pod-readiness-gate-inject: enabled",
						"pod-readiness-gate-inject: enabled\n    istio-injection: enabled"),
				breakage(ManifestRule.TARGET_TYPE_IP, "ingress.yaml", "ingressClassName: alb",
						"ingressClassName: nginx"),
				breakage(ManifestRule.GRACE_PERIOD, "deployment.yaml", "terminationGracePeriodSeconds: 75",
						"terminationGracePeriodSeconds: 61"),
				breakage(ManifestRule.GRACE_PERIOD_ENV, "deployment.yaml", "value: 75s", "value: 60s"),
				breakage(ManifestRule.GRACE_PERIOD_ENV, "deployment.yaml", "- name: ZDT_TERMINATION_GRACE_PERIOD",
						"- name: TERMINATION_GRACE_PERIOD"),
				breakage(ManifestRule.DEREGISTRATION_DELAY, "ingress.yaml", "deregistration_delay.timeout_seconds=75",
						"deregistration_delay.timeout_seconds=30"),
				breakage(ManifestRule.DEREGISTRATION_DELAY, "ingress.yaml",
						"target-group-attributes: deregistration_delay.timeout_seconds=75",
						"target-group-attributes: stickiness.enabled=false"),
				breakage(ManifestRule.NAMESPACE_READINESS_GATE, "namespace.yaml",
						"elbv2.k8s.aws/pod-readiness-gate-inject: enabled",
						"elbv2.k8s.aws/pod-readiness-gate-inject: disabled"),
				breakage(ManifestRule.NAMESPACE_READINESS_GATE, "kustomization.yaml", "namespace: zdt-demo",
						"namespace: somewhere-else"),
				breakage(ManifestRule.ROLLING_UPDATE, "deployment.yaml", "maxUnavailable: 0", "maxUnavailable: 1"),
				breakage(ManifestRule.ROLLING_UPDATE, "deployment.yaml", "replicas: 2", "replicas: 1"),
				breakage(ManifestRule.POD_IP, "deployment.yaml", "fieldPath: status.podIP", "fieldPath: status.hostIP"),
				breakage(ManifestRule.IDLE_TIMEOUT, "ingress.yaml", "idle_timeout.timeout_seconds=60",
						"idle_timeout.timeout_seconds=120"),
				breakage(ManifestRule.SERVICE_ROUTING, "service.yaml", "targetPort: http", "targetPort: management"),
				breakage(ManifestRule.SERVICE_ROUTING, "service.yaml",
						"    app.kubernetes.io/name: zdt-sample-app\n  ports",
						"    app.kubernetes.io/name: another-app\n  ports"),
				breakage(ManifestRule.SECURITY_CONTEXT, "deployment.yaml", "readOnlyRootFilesystem: true",
						"readOnlyRootFilesystem: false"),
				breakage(ManifestRule.SECURITY_CONTEXT, "deployment.yaml", "mountPath: /tmp", "mountPath: /scratch"),
				breakage(ManifestRule.SECURITY_CONTEXT, "deployment.yaml", "runAsNonRoot: true", "runAsNonRoot: false"),
				breakage(ManifestRule.DISRUPTION_BUDGET, "poddisruptionbudget.yaml", "minAvailable: 1",
						"minAvailable: 2"));
	}

	/**
	 * Breakages of the rendering of an overlay, for the rules about resources that only
	 * the overlays hold (RBAC, an IngressClass) or change (the namespace label on EKS
	 * Auto Mode).
	 */
	static Stream<Arguments> renderedBreakages() {
		String autoMode = "aws/auto-mode";
		return Stream.of(
				breakage(ManifestRule.NAMESPACE_READINESS_GATE, autoMode,
						"eks.amazonaws.com/pod-readiness-gate-inject: enabled",
						"elbv2.k8s.aws/pod-readiness-gate-inject: enabled"),
				breakage(ManifestRule.INGRESS_CLASS, autoMode, "controller: eks.amazonaws.com/alb",
						"controller: example.com/ingress"),
				breakage(ManifestRule.INGRESS_CLASS, autoMode, "apiGroup: eks.amazonaws.com",
						"apiGroup: elbv2.k8s.aws"),
				breakage(ManifestRule.INGRESS_CLASS, autoMode, "alb.ingress.kubernetes.io/scheme: internet-facing",
						"alb.ingress.kubernetes.io/group.name: shop\n    alb.ingress.kubernetes.io/scheme: internet-facing"),
				breakage(ManifestRule.TARGET_HEALTH_RBAC, autoMode, "  - eks.amazonaws.com\n  resources",
						"  - example.com\n  resources"),
				breakage(ManifestRule.TARGET_HEALTH_RBAC, "aws/example", "  - elbv2.k8s.aws\n  resources",
						"  - example.com\n  resources"),
				breakage(ManifestRule.TARGET_HEALTH_RBAC, "aws/example", "  - pods\n", "  - services\n"));
	}

	static Stream<Arguments> appBreakages() {
		AppSettings app = AppSettings.load();
		return Stream.of(Arguments.of(ManifestRule.PROBES, "health probes disabled",
				new AppSettings(app.serverPort(), app.managementPort(), app.actuatorBasePath(), app.exposedEndpoints(),
						false, app.maxHold(), app.shutdownTimeout(), app.keepAliveTimeout())),
				Arguments.of(ManifestRule.PROBES, "actuator under /manage",
						new AppSettings(app.serverPort(), app.managementPort(), "/manage", app.exposedEndpoints(),
								app.healthProbesEnabled(), app.maxHold(), app.shutdownTimeout(),
								app.keepAliveTimeout())),
				Arguments.of(ManifestRule.PORTS, "management port 9001",
						new AppSettings(app.serverPort(), 9001, app.actuatorBasePath(), app.exposedEndpoints(),
								app.healthProbesEnabled(), app.maxHold(), app.shutdownTimeout(),
								app.keepAliveTimeout())),
				Arguments.of(ManifestRule.PRESTOP_DRAIN_ENDPOINT, "zdt endpoint not exposed",
						new AppSettings(app.serverPort(), app.managementPort(), app.actuatorBasePath(),
								List.of("health"), app.healthProbesEnabled(), app.maxHold(), app.shutdownTimeout(),
								app.keepAliveTimeout())),
				Arguments.of(ManifestRule.GRACE_PERIOD, "max hold 60s",
						new AppSettings(app.serverPort(), app.managementPort(), app.actuatorBasePath(),
								app.exposedEndpoints(), app.healthProbesEnabled(), Duration.ofSeconds(60),
								app.shutdownTimeout(), app.keepAliveTimeout())),
				Arguments.of(ManifestRule.DEREGISTRATION_DELAY, "shutdown timeout 50s",
						new AppSettings(app.serverPort(), app.managementPort(), app.actuatorBasePath(),
								app.exposedEndpoints(), app.healthProbesEnabled(), app.maxHold(),
								Duration.ofSeconds(50), app.keepAliveTimeout())),
				Arguments.of(ManifestRule.IDLE_TIMEOUT, "Tomcat's default keep-alive",
						new AppSettings(app.serverPort(), app.managementPort(), app.actuatorBasePath(),
								app.exposedEndpoints(), app.healthProbesEnabled(), app.maxHold(), app.shutdownTimeout(),
								AppSettings.DEFAULT_TOMCAT_KEEP_ALIVE)));
	}

	@ParameterizedTest(name = "{0}: {1} -> {3}")
	@MethodSource("manifestBreakages")
	void breakingTheManifestsFailsTheRule(ManifestRule rule, String file, String original, String broken) {
		copyBase();
		Path target = this.copy.resolve(file);
		String text = read(target);
		assertThat(occurrences(text, original)).as("'%s' must occur exactly once in %s", original, file).isEqualTo(1);
		write(target, text.replace(original, broken));

		List<ManifestChecks.Violation> violations = ManifestChecks.check(Manifests.load(this.copy), AppSettings.load());

		assertThat(violations).extracting(ManifestChecks.Violation::rule).contains(rule);
	}

	@ParameterizedTest(name = "{0}: k8s/{1} rendered, {2} -> {3}")
	@MethodSource("renderedBreakages")
	void breakingARenderedOverlayFailsTheRule(ManifestRule rule, String directory, String original, String broken)
			throws Exception {
		String rendered = KustomizeRenderTests.kustomize(Manifests.k8sDirectory().resolve(directory));
		assertThat(occurrences(rendered, original))
			.as("'%s' must occur exactly once in k8s/%s rendered", original, directory)
			.isEqualTo(1);
		assertThat(ManifestChecks.check(Manifests.parse(rendered), AppSettings.load())).as("k8s/%s as it is", directory)
			.isEmpty();

		List<ManifestChecks.Violation> violations = ManifestChecks
			.check(Manifests.parse(rendered.replace(original, broken)), AppSettings.load());

		assertThat(violations).extracting(ManifestChecks.Violation::rule).contains(rule);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("appBreakages")
	void changingTheAppFailsTheRule(ManifestRule rule, String change, AppSettings app) {
		Manifests manifests = Manifests.load(Manifests.k8sDirectory().resolve("base"));

		assertThat(ManifestChecks.check(manifests, app)).extracting(ManifestChecks.Violation::rule).contains(rule);
	}

	@Test
	void everyRuleHasABreakage() {
		Set<ManifestRule> covered = EnumSet.noneOf(ManifestRule.class);
		Stream.concat(manifestBreakages(), renderedBreakages())
			.forEach((arguments) -> covered.add((ManifestRule) arguments.get()[0]));

		assertThat(covered).containsExactlyInAnyOrder(ManifestRule.values());
	}

	private static Arguments breakage(ManifestRule rule, String file, String original, String broken) {
		return Arguments.of(rule, file, original, broken);
	}

	private void copyBase() {
		Path base = Manifests.k8sDirectory().resolve("base");
		try (Stream<Path> files = Files.list(base)) {
			for (Path file : files.toList()) {
				Files.copy(file, this.copy.resolve(file.getFileName()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
			count++;
		}
		return count;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
