package dev.zdt.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.logging.CapturingLogger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link KubernetesTargetGroupDiscovery} against a local stand-in of the
 * Kubernetes API.
 */
class KubernetesTargetGroupDiscoveryTests {

	private static final String NAMESPACE = "shop";

	private static final String POD = "sample-7d9f8c6b5-x2k9q";

	private static final String POD_IP = "192.0.2.44";

	private static final String BINDING = "k8s-shop-sample-6b2a4c1d2e";

	private static final String OTHER_BINDING = "k8s-shop-sampleadm-0f9e8d7c6b";

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-shop-sample-6b2a4c1d2e/73e2d6bc24d8a067";

	private static final String OTHER_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-shop-sampleadm-0f9e8d7c6b/0f2e9a1b7c6d5e4f";

	// The machine running the tests may be busy.
	private static final Duration GENEROUS = Duration.ofSeconds(20);

	@TempDir
	Path serviceAccount;

	private FakeKubernetesApi api;

	private Path tokenFile;

	@BeforeEach
	void start() throws IOException {
		this.api = FakeKubernetesApi.start().token("token-1");
		this.tokenFile = Files.writeString(this.serviceAccount.resolve("token"), "token-1\n");
		Files.writeString(this.serviceAccount.resolve("namespace"), NAMESPACE);
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void findsTheTargetGroupOfEachReadinessGateAndThePodIp() throws DiscoveryException {
		this.api
			.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING, "example.com/unrelated-gate",
					"target-health.elbv2.k8s.aws/" + OTHER_BINDING)
			.targetGroupBinding(NAMESPACE, BINDING, ARN, "ip")
			.targetGroupBinding(NAMESPACE, OTHER_BINDING, OTHER_ARN, "ip");
		TargetGroups targetGroups = discovery().build().targetGroups();
		assertThat(targetGroups.arns()).containsExactly(ARN, OTHER_ARN);
		assertThat(targetGroups.podIp()).isEqualTo(POD_IP);
		assertThat(this.api.authorizations()).hasSize(3).allMatch("Bearer token-1"::equals);
	}

	@Test
	void findsTheTargetGroupsOfEksAutoModeReadinessGatesInTheirOwnApiGroup() throws DiscoveryException {
		this.api
			.pod(NAMESPACE, POD, POD_IP, "target-health.eks.amazonaws.com/" + BINDING,
					"target-health.eks.amazonaws.com/" + OTHER_BINDING)
			.targetGroupBinding(FakeKubernetesApi.AUTO_MODE, NAMESPACE, BINDING, ARN, "ip")
			.targetGroupBinding(FakeKubernetesApi.AUTO_MODE, NAMESPACE, OTHER_BINDING, OTHER_ARN, "ip");
		TargetGroups targetGroups = discovery().build().targetGroups();
		assertThat(targetGroups.arns()).containsExactly(ARN, OTHER_ARN);
		assertThat(targetGroups.podIp()).isEqualTo(POD_IP);
	}

	@Test
	void eksAutoModeGateIsNeverLookedUpAmongTheSelfManagedControllersBindings() {
		this.api.pod(NAMESPACE, POD, POD_IP, "target-health.eks.amazonaws.com/" + BINDING)
			.targetGroupBinding(FakeKubernetesApi.SELF_MANAGED, NAMESPACE, BINDING, ARN, "ip");
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("404").contains("TargetGroupBinding " + NAMESPACE + "/" + BINDING);
				assertThat(ex.fix()).contains("targetgroupbindings.eks.amazonaws.com");
			});
	}

	@Test
	void eksAutoModeInstanceTargetsAreAPermanentFault() {
		this.api.pod(NAMESPACE, POD, POD_IP, "target-health.eks.amazonaws.com/" + BINDING)
			.targetGroupBinding(FakeKubernetesApi.AUTO_MODE, NAMESPACE, BINDING, ARN, "instance");
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> assertThat(ex.fix()).contains("target-type: ip"));
	}

	@Test
	void readsTheTokenAgainForEveryRequestBecauseTokensRotate() throws Exception {
		this.api.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING)
			.targetGroupBinding(NAMESPACE, BINDING, ARN, "ip");
		KubernetesTargetGroupDiscovery discovery = discovery().build();
		discovery.targetGroups();
		this.api.token("token-2");
		Files.writeString(this.tokenFile, "token-2");
		assertThat(discovery.targetGroups().arns()).containsExactly(ARN);
		assertThat(this.api.authorizations()).endsWith("Bearer token-2", "Bearer token-2");
	}

	@Test
	void podWithoutReadinessGateIsAPermanentFaultThatNamesTheNamespaceLabel() {
		this.api.pod(NAMESPACE, POD, POD_IP);
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> {
				assertThat(ex.isPermanent()).isTrue();
				assertThat(ex.getMessage()).contains("shop/" + POD).contains("no readiness gate");
				assertThat(ex.fix()).contains("elbv2.k8s.aws/pod-readiness-gate-inject=enabled")
					.contains("eks.amazonaws.com/pod-readiness-gate-inject=enabled")
					.contains("zdt.aws.target-group-arns");
			});
	}

	@Test
	void forbiddenIsAPermanentFaultThatNamesTheRbac() {
		this.api.respondWith(403);
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> {
				assertThat(ex.isPermanent()).isTrue();
				assertThat(ex.getMessage()).contains("403");
				assertThat(ex.fix()).contains("targetgroupbindings.elbv2.k8s.aws")
					.contains("targetgroupbindings.eks.amazonaws.com")
					.contains("k8s/aws/component/rbac.yaml");
			});
	}

	@Test
	void serverErrorIsATransientFault() {
		this.api.respondWith(503);
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> assertThat(ex.isPermanent()).isFalse());
	}

	@Test
	void unknownPodIsAPermanentFaultThatNamesThePodNameProperty() {
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> {
				assertThat(ex.isPermanent()).isTrue();
				assertThat(ex.fix()).contains("zdt.aws.pod-name");
			});
	}

	@Test
	void instanceTargetsAreAPermanentFault() {
		this.api.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING)
			.targetGroupBinding(NAMESPACE, BINDING, ARN, "instance");
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(() -> discovery().build().targetGroups())
			.satisfies((ex) -> {
				assertThat(ex.isPermanent()).isTrue();
				assertThat(ex.fix()).contains("target-type: ip");
			});
	}

	@Test
	void unreachableApiIsATransientFault() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		KubernetesTargetGroupDiscovery discovery = discovery().apiServer(URI.create("http://127.0.0.1:" + closedPort))
			.build();
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(discovery::targetGroups).satisfies((ex) -> {
			assertThat(ex.isPermanent()).isFalse();
			assertThat(ex.getMessage()).contains("could not be reached");
		});
	}

	@Test
	void apiServerThatStallsMidBodyIsATransientFaultAfterTheTimeout() {
		this.api.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING)
			.targetGroupBinding(NAMESPACE, BINDING, ARN, "ip")
			.stallMidBody();
		KubernetesTargetGroupDiscovery discovery = discovery().timeout(Duration.ofMillis(500)).build();
		long start = System.nanoTime();
		// The server holds the body for minutes: a hang here fails the test instead of
		// wedging it.
		DiscoveryException fault = assertTimeoutPreemptively(Duration.ofSeconds(15),
				() -> catchThrowableOfType(DiscoveryException.class, discovery::targetGroups));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(fault).isNotNull();
		assertThat(fault.isPermanent()).isFalse();
		assertThat(fault.getMessage()).contains("did not answer GET pod " + NAMESPACE + "/" + POD + " in time");
	}

	@Test
	void outsideKubernetesIsAPermanentFault() {
		KubernetesTargetGroupDiscovery discovery = KubernetesTargetGroupDiscovery.builder((name) -> null).build();
		assertThatExceptionOfType(DiscoveryException.class).isThrownBy(discovery::targetGroups).satisfies((ex) -> {
			assertThat(ex.isPermanent()).isTrue();
			assertThat(ex.getMessage()).contains("KUBERNETES_SERVICE_HOST");
		});
	}

	@Test
	void inClusterDefaultsTalkTlsToTheApiServerTrustingTheServiceAccountCa() throws Exception {
		SSLContext serverContext = serverTls();
		try (FakeKubernetesApi tlsApi = FakeKubernetesApi.startTls(serverContext).token("token-1")) {
			tlsApi.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING)
				.targetGroupBinding(NAMESPACE, BINDING, ARN, "ip");
			Map<String, String> environment = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
					Integer.toString(tlsApi.port()), "HOSTNAME", POD);
			KubernetesTargetGroupDiscovery discovery = KubernetesTargetGroupDiscovery.builder(environment::get)
				.tokenFile(this.tokenFile)
				.caCertificateFile(this.serviceAccount.resolve("ca.crt"))
				.namespaceFile(this.serviceAccount.resolve("namespace"))
				.timeout(GENEROUS)
				.build();
			assertThat(discovery.targetGroups().arns()).containsExactly(ARN);
			KubernetesTargetGroupDiscovery untrusting = KubernetesTargetGroupDiscovery.builder(environment::get)
				.tokenFile(this.tokenFile)
				.caCertificateFile(null)
				.namespaceFile(this.serviceAccount.resolve("namespace"))
				.timeout(GENEROUS)
				.build();
			assertThatExceptionOfType(DiscoveryException.class).isThrownBy(untrusting::targetGroups)
				.satisfies((ex) -> assertThat(ex.isPermanent()).isFalse());
		}
	}

	@Test
	void strategyAsksTheLoadBalancerAboutTheDiscoveredTarget() throws IOException {
		this.api.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING)
			.targetGroupBinding(NAMESPACE, BINDING, ARN, "ip");
		try (FakeElbv2Server elb = FakeElbv2Server.start();
				ElasticLoadBalancingV2Client client = Elbv2Clients.client(elb.endpoint())) {
			elb.targetGroup(ARN, Duration.ofSeconds(60)).targetState(ARN, POD_IP, 8080, "draining");
			TargetHealthStrategy strategy = TargetHealthStrategy.builder(client, discovery().build())
				.targetIp(null)
				.propagationMargin(Duration.ZERO)
				// The discovery is what these tests are about: the first poll at once.
				.firstPollDelay(Duration.ZERO)
				.callTimeouts(GENEROUS, GENEROUS)
				.executor(Runnable::run)
				.logger(new CapturingLogger())
				.build();
			strategy.prepare();
			assertThat(strategy.deregistrationDelay(Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
			HoldContext now = new HoldContext(Duration.ZERO, 0, 0, Duration.ZERO, Duration.ZERO);
			assertThat(strategy.start(now).evaluate(now))
				.isEqualTo(HoldDecision.release(TargetHealthStrategy.DRAINING));
		}
	}

	/**
	 * Two Ingresses of one IngressGroup share an ALB and send it to two Services of this
	 * pod on two ports: one target group each, one readiness gate each.
	 */
	@Test
	void onASharedLoadBalancerTheHoldWaitsForEveryTargetGroupThePodIsIn() throws IOException {
		this.api
			.pod(NAMESPACE, POD, POD_IP, "target-health.eks.amazonaws.com/" + BINDING,
					"target-health.eks.amazonaws.com/" + OTHER_BINDING)
			.targetGroupBinding(FakeKubernetesApi.AUTO_MODE, NAMESPACE, BINDING, ARN, "ip")
			.targetGroupBinding(FakeKubernetesApi.AUTO_MODE, NAMESPACE, OTHER_BINDING, OTHER_ARN, "ip");
		try (FakeElbv2Server elb = FakeElbv2Server.start();
				ElasticLoadBalancingV2Client client = Elbv2Clients.client(elb.endpoint())) {
			elb.targetGroup(ARN, Duration.ofSeconds(60)).targetState(ARN, POD_IP, 8080, "healthy");
			elb.targetGroup(OTHER_ARN, Duration.ofSeconds(30)).targetState(OTHER_ARN, POD_IP, 8081, "healthy");
			TargetHealthStrategy strategy = TargetHealthStrategy.builder(client, discovery().build())
				.targetIp(null)
				.targetPort(8080)
				.propagationMargin(Duration.ZERO)
				// The discovery is what these tests are about: the first poll at once.
				.firstPollDelay(Duration.ZERO)
				.callTimeouts(GENEROUS, GENEROUS)
				.executor(Runnable::run)
				.logger(new CapturingLogger())
				.build();
			HoldEvaluator evaluator = strategy.start(at(0));
			assertThat(evaluator.evaluate(at(0))).isEqualTo(HoldDecision.keepHolding());
			// 3 s apart: longer than any jittered poll interval (2 s ± 50 %).
			elb.targetState(ARN, POD_IP, 8080, "draining");
			assertThat(evaluator.evaluate(at(3))).isEqualTo(HoldDecision.keepHolding());
			elb.targetState(OTHER_ARN, POD_IP, 8081, "draining");
			assertThat(evaluator.evaluate(at(6))).isEqualTo(HoldDecision.release(TargetHealthStrategy.DRAINING));
			assertThat(strategy.hasGivenUp()).isFalse();
			assertThat(strategy.details()).extractingByKey("targetStates", InstanceOfAssertFactories.MAP)
				.containsOnlyKeys(ARN, OTHER_ARN);
		}
	}

	@Test
	void strategyRetriesDiscoveryWhileTheApiIsUnreachableAndLogsOnce() throws IOException {
		this.api.respondWith(503);
		CapturingLogger logger = new CapturingLogger();
		try (FakeElbv2Server elb = FakeElbv2Server.start();
				ElasticLoadBalancingV2Client client = Elbv2Clients.client(elb.endpoint())) {
			elb.targetGroup(ARN, Duration.ofSeconds(60)).targetState(ARN, POD_IP, 8080, "draining");
			TargetHealthStrategy strategy = TargetHealthStrategy.builder(client, discovery().build())
				.targetIp(null)
				.propagationMargin(Duration.ZERO)
				// The discovery is what these tests are about: the first poll at once.
				.firstPollDelay(Duration.ZERO)
				.callTimeouts(GENEROUS, GENEROUS)
				.executor(Runnable::run)
				.logger(logger)
				.build();
			HoldEvaluator evaluator = strategy.start(at(0));
			assertThat(evaluator.evaluate(at(0))).isEqualTo(HoldDecision.keepHolding());
			// 3 s apart: longer than any jittered poll interval (2 s ± 50 %).
			assertThat(evaluator.evaluate(at(3))).isEqualTo(HoldDecision.keepHolding());
			this.api.respondWith(0);
			this.api.pod(NAMESPACE, POD, POD_IP, "target-health.elbv2.k8s.aws/" + BINDING)
				.targetGroupBinding(NAMESPACE, BINDING, ARN, "ip");
			assertThat(evaluator.evaluate(at(6)).isRelease()).isTrue();
			assertThat(logger.warnings()).singleElement().asString().contains("503");
		}
	}

	private static HoldContext at(int seconds) {
		Duration elapsed = Duration.ofSeconds(seconds);
		return new HoldContext(elapsed, 0, 0, Duration.ZERO, elapsed);
	}

	private KubernetesTargetGroupDiscovery.Builder discovery() {
		return KubernetesTargetGroupDiscovery.builder((name) -> null)
			.apiServer(this.api.uri())
			.tokenFile(this.tokenFile)
			.namespaceFile(this.serviceAccount.resolve("namespace"))
			.podName(POD)
			.timeout(GENEROUS);
	}

	/**
	 * A key pair and self-signed certificate for 127.0.0.1 made by the JDK's keytool, the
	 * certificate also written as the service account's {@code ca.crt}.
	 */
	private SSLContext serverTls() throws Exception {
		Path keyStore = this.serviceAccount.resolve("apiserver.p12");
		keytool("-genkeypair", "-alias", "apiserver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=kube-apiserver", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
				"-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
		keytool("-exportcert", "-rfc", "-alias", "apiserver", "-keystore", keyStore.toString(), "-storepass",
				"changeit", "-file", this.serviceAccount.resolve("ca.crt").toString());
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	private static void keytool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
