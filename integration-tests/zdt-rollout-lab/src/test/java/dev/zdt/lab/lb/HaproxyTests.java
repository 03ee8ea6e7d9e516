package dev.zdt.lab.lb;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Haproxy}, {@link HaproxyConfig} and {@link RuntimeApi} against a real
 * HAProxy and in-process targets.
 *
 * @author zdt
 */
class HaproxyTests {

	private static final HealthCheck CHECK = HealthCheck.defaults().withFall(2);

	@TempDir
	Path directory;

	private final List<HttpServer> targets = new ArrayList<>();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void stopTargets() {
		this.targets.forEach((server) -> server.stop(0));
	}

	@Test
	void configurationBehavesLikeAnAlbAndHaproxyAcceptsIt() throws Exception {
		String config = new HaproxyConfig(8080, Path.of("/tmp/lab.sock")).render(HealthCheck.defaults());
		assertThat(config).contains("retries 0", "no option redispatch", "http-reuse always",
				"option httpchk GET /actuator/health/readiness", "http-check expect status 200", "bind 127.0.0.1:8080");
		Path file = this.directory.resolve("haproxy.cfg");
		Files.writeString(file, config);
		Process check = new ProcessBuilder("haproxy", "-c", "-f", file.toString()).redirectErrorStream(true).start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor()).as(output).isZero();
	}

	@Test
	void configurationOfOneOfSeveralNodesReachesTheTargetsFromItsSourceAddressAndHaproxyAcceptsIt() throws Exception {
		String config = new HaproxyConfig(8080, Path.of("/tmp/lab.sock"), "127.0.0.3").render(HealthCheck.defaults());
		assertThat(config).contains("  source 127.0.0.3\n");
		assertThat(new HaproxyConfig(8080, Path.of("/tmp/lab.sock")).render(HealthCheck.defaults()))
			.doesNotContain("source");
		Path file = this.directory.resolve("haproxy.cfg");
		Files.writeString(file, config);
		Process check = new ProcessBuilder("haproxy", "-c", "-f", file.toString()).redirectErrorStream(true).start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor()).as(output).isZero();
	}

	@Test
	void twoNodesReachTheSameTargetFromTheirOwnSourceAddresses() throws Exception {
		Target target = target();
		target.ready = true;
		try (HaproxyNodes nodes = HaproxyNodes.start(this.directory, CHECK, List.of("lb-node-1", "lb-node-2"),
				List.of("127.0.0.2", "127.0.0.3"))) {
			for (Haproxy node : nodes.nodes()) {
				node.api().register("pod-1", target.port, target.managementPort, CHECK);
			}
			for (Haproxy node : nodes.nodes()) {
				awaitTrue(() -> node.api().state("pod-1").map(ServerState::inRotation).orElse(false));
				for (int i = 0; i < 3; i++) {
					assertThat(get(node)).isEqualTo(200);
				}
			}
			assertThat(target.peers).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
			assertThat(target.checkPeers).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
			assertThat(Files.exists(this.directory.resolve("lb-node-1").resolve("haproxy.cfg"))).isTrue();
			assertThat(Files.exists(this.directory.resolve("lb-node-2").resolve("haproxy.cfg"))).isTrue();
		}
	}

	@Test
	void registeredTargetGetsNoTrafficUntilItsHealthChecksPass() throws Exception {
		Target target = target();
		try (Haproxy haproxy = Haproxy.start(this.directory, CHECK)) {
			haproxy.api().register("pod-1", target.port, target.managementPort, CHECK);
			for (int i = 0; i < 20; i++) {
				assertThat(get(haproxy)).isEqualTo(503);
				TimeUnit.MILLISECONDS.sleep(100);
			}
			assertThat(target.requests.get()).isZero();
			assertThat(haproxy.api().state("pod-1"))
				.hasValueSatisfying((state) -> assertThat(state.inRotation()).isFalse());
			target.ready = true;
			awaitTrue(() -> haproxy.api().state("pod-1").map(ServerState::inRotation).orElse(false));
			assertThat(get(haproxy)).isEqualTo(200);
			assertThat(target.requests.get()).isEqualTo(1);
		}
	}

	@Test
	void drainedTargetGetsNoNewRequestsAndRemovedTargetIsGone() throws Exception {
		Target first = target();
		Target second = target();
		first.ready = true;
		second.ready = true;
		try (Haproxy haproxy = Haproxy.start(this.directory, CHECK)) {
			haproxy.api().register("pod-1", first.port, first.managementPort, CHECK);
			haproxy.api().register("pod-2", second.port, second.managementPort, CHECK);
			awaitTrue(() -> haproxy.api().servers().values().stream().allMatch(ServerState::inRotation));
			haproxy.api().drain("pod-1");
			assertThat(haproxy.api().state("pod-1"))
				.hasValueSatisfying((state) -> assertThat(state.draining()).isTrue());
			int before = first.requests.get();
			for (int i = 0; i < 20; i++) {
				assertThat(get(haproxy)).isEqualTo(200);
			}
			assertThat(first.requests.get()).isEqualTo(before);
			assertThat(haproxy.api().remove("pod-1")).isTrue();
			assertThat(haproxy.api().servers()).containsOnlyKeys("pod-2");
		}
	}

	@Test
	void targetThatStopsPassingKeepsGettingRequestsUntilItIsDeregisteredWhenTheLoadBalancerRoutesUntilDeregistered()
			throws Exception {
		HealthCheck slowAlb = CHECK.untilDeregistered();
		Target target = target();
		target.ready = true;
		try (Haproxy haproxy = Haproxy.start(this.directory, slowAlb)) {
			haproxy.api().register("pod-1", target.port, target.managementPort, slowAlb);
			awaitTrue(() -> haproxy.api().state("pod-1").map(ServerState::inRotation).orElse(false));
			target.ready = false;
			// Twice the unhealthy threshold of CHECK, which would have taken the target
			// out by now.
			awaitTrue(() -> target.failedChecks.get() >= 2 * CHECK.fall());
			assertThat(haproxy.api().state("pod-1"))
				.hasValueSatisfying((state) -> assertThat(state.inRotation()).isTrue());
			int before = target.requests.get();
			for (int i = 0; i < 5; i++) {
				assertThat(get(haproxy)).isEqualTo(200);
			}
			assertThat(target.requests.get()).isEqualTo(before + 5);
			haproxy.api().drain("pod-1");
			assertThat(get(haproxy)).isEqualTo(503);
			assertThat(target.requests.get()).isEqualTo(before + 5);
		}
	}

	@Test
	void failedRequestIsNotRetriedOnAnotherTarget() throws Exception {
		Target healthy = target();
		healthy.ready = true;
		Target broken = target();
		broken.ready = true;
		try (Haproxy haproxy = Haproxy.start(this.directory, HealthCheck.defaults())) {
			haproxy.api().register("pod-1", healthy.port, healthy.managementPort, HealthCheck.defaults());
			haproxy.api().register("pod-2", broken.port, broken.managementPort, HealthCheck.defaults());
			awaitTrue(() -> haproxy.api().servers().values().stream().allMatch(ServerState::inRotation));
			broken.app.stop(0);
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				statuses.add(get(haproxy));
			}
			assertThat(statuses).contains(200, 503);
			awaitTrue(() -> haproxy.errors().containsKey("503 SC--"));
		}
	}

	private int get(Haproxy haproxy) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + haproxy.port() + "/api/work"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private Target target() throws IOException {
		Target target = new Target();
		this.targets.add(target.app);
		this.targets.add(target.management);
		return target;
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
			TimeUnit.MILLISECONDS.sleep(100);
		}
	}

	private static void respond(HttpExchange exchange, int status) throws IOException {
		byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	static final class Target {

		final HttpServer app;

		final HttpServer management;

		final int port;

		final int managementPort;

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger failedChecks = new AtomicInteger();

		final Set<String> peers = ConcurrentHashMap.newKeySet();

		final Set<String> checkPeers = ConcurrentHashMap.newKeySet();

		volatile boolean ready;

		Target() throws IOException {
			this.app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			this.app.createContext("/", (exchange) -> {
				this.requests.incrementAndGet();
				this.peers.add(exchange.getRemoteAddress().getAddress().getHostAddress());
				respond(exchange, 200);
			});
			this.management = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			this.management.createContext(HealthCheck.READINESS_PATH, (exchange) -> {
				this.checkPeers.add(exchange.getRemoteAddress().getAddress().getHostAddress());
				if (!this.ready) {
					this.failedChecks.incrementAndGet();
				}
				respond(exchange, this.ready ? 200 : 503);
			});
			this.app.start();
			this.management.start();
			this.port = this.app.getAddress().getPort();
			this.managementPort = this.management.getAddress().getPort();
		}

	}

}
