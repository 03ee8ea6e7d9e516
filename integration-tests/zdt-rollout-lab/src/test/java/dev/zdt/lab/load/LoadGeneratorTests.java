package dev.zdt.lab.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.zdt.lab.time.LabClock;
import dev.zdt.testsupport.net.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LoadGenerator}.
 *
 * @author zdt
 */
class LoadGeneratorTests {

	@Test
	void sendsAtTheFixedRateOverKeepAliveConnections() throws Exception {
		Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
		HttpServer server = server(200, clientPorts);
		try {
			LoadGenerator load = new LoadGenerator(
					new LoadOptions(server.getAddress().getPort(), "/work", 200, 8, Duration.ofSeconds(5)),
					LabClock.start());
			long start = System.nanoTime();
			load.start();
			TimeUnit.SECONDS.sleep(2);
			double elapsed = (System.nanoTime() - start) / 1e9;
			LoadReport report = load.stop();
			assertThat((double) report.scheduled()).isCloseTo(200 * elapsed, within(20.0));
			assertThat(report.completed()).isEqualTo(report.scheduled());
			assertThat(report.ok()).isEqualTo(report.completed());
			assertThat(report.serverErrors()).isZero();
			assertThat(report.clientErrors()).isZero();
			assertThat(clientPorts).hasSizeLessThanOrEqualTo(8);
			assertThat(Arrays.stream(report.timeline().ok()).sum()).isEqualTo((int) report.ok());
			assertThat(report.timeline().okByServer()).containsKey("target");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void sendsBurstyTrafficInBurstsWithSilencesBetween() throws Exception {
		List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
		HttpServer server = server(200, ConcurrentHashMap.newKeySet());
		server.createContext("/bursty", (exchange) -> {
			arrivals.add(System.nanoTime());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		try {
			TrafficShape shape = new BurstyTraffic(100, Duration.ofMillis(200), Duration.ofMillis(600));
			LoadGenerator load = new LoadGenerator(LoadOptions.of(server.getAddress().getPort(), "/bursty", shape),
					LabClock.start());
			load.start();
			TimeUnit.MILLISECONDS.sleep(1900);
			LoadReport report = load.stop();
			assertThat(report.ok()).isEqualTo(report.scheduled()).isEqualTo(arrivals.size());
			// Three bursts of 20 (at 0, 0.8 and 1.6 s) and nothing in between.
			assertThat(report.scheduled()).isEqualTo(60);
			List<Long> sorted = new ArrayList<>(arrivals);
			Collections.sort(sorted);
			long silences = 0;
			for (int i = 1; i < sorted.size(); i++) {
				if (sorted.get(i) - sorted.get(i - 1) > TimeUnit.MILLISECONDS.toNanos(300)) {
					silences++;
				}
			}
			assertThat(silences).isEqualTo(2);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void countsEveryServerErrorStatus() throws Exception {
		HttpServer server = server(503, ConcurrentHashMap.newKeySet());
		try {
			LoadGenerator load = new LoadGenerator(
					new LoadOptions(server.getAddress().getPort(), "/work", 100, 4, Duration.ofSeconds(5)),
					LabClock.start());
			load.start();
			TimeUnit.MILLISECONDS.sleep(500);
			LoadReport report = load.stop();
			assertThat(report.serverErrors()).isEqualTo(report.completed()).isPositive();
			assertThat(report.statusCounts()).containsOnlyKeys(503);
			assertThat(Arrays.stream(report.timeline().serverErrors()).sum()).isEqualTo((int) report.serverErrors());
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void countsConnectionsClosedWithoutAResponseAsClientErrors() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						socket.getInputStream().read();
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			LoadGenerator load = new LoadGenerator(
					new LoadOptions(server.getLocalPort(), "/work", 50, 2, Duration.ofSeconds(5)), LabClock.start());
			load.start();
			TimeUnit.MILLISECONDS.sleep(500);
			LoadReport report = load.stop();
			assertThat(report.clientErrors()).isEqualTo(report.completed()).isPositive();
			assertThat(report.clientErrorCounts()).containsKey("closed before response");
			assertThat(report.ok()).isZero();
		}
	}

	@Test
	void splitsRequestsOverLoadBalancerNodesAndCountsFailuresPerNode() throws Exception {
		HttpServer busy = server(200, ConcurrentHashMap.newKeySet());
		HttpServer quiet = server(503, ConcurrentHashMap.newKeySet());
		try {
			TrafficSplit split = new TrafficSplit(
					List.of(new TrafficSplit.Node("lb-node-1", busy.getAddress().getPort(), 9),
							new TrafficSplit.Node("lb-node-2", quiet.getAddress().getPort(), 1)));
			LoadGenerator load = new LoadGenerator(new LoadOptions(0, "/work", 200, 8, Duration.ofSeconds(5)), split,
					LabClock.start());
			load.start();
			TimeUnit.SECONDS.sleep(2);
			LoadReport report = load.stop();
			assertThat(report.nodes()).containsOnlyKeys("lb-node-1", "lb-node-2");
			NodeLoad first = report.nodes().get("lb-node-1");
			NodeLoad second = report.nodes().get("lb-node-2");
			assertThat(first.requests() + second.requests()).isEqualTo(report.completed());
			assertThat((double) second.requests()).as(report.summary())
				.isCloseTo(report.completed() / 10.0, within(report.completed() / 20.0));
			assertThat(first.failed()).isZero();
			assertThat(second.failed()).isEqualTo(second.requests()).isEqualTo(report.serverErrors());
			assertThat(report.failedByNode()).isEqualTo("lb-node-1=0 lb-node-2=" + second.failed());
		}
		finally {
			busy.stop(0);
			quiet.stop(0);
		}
	}

	@Test
	void countsRefusedConnectionsAsClientErrors() throws Exception {
		int port = FreePorts.find();
		LoadGenerator load = new LoadGenerator(new LoadOptions(port, "/work", 20, 2, Duration.ofSeconds(5)),
				LabClock.start());
		load.start();
		TimeUnit.MILLISECONDS.sleep(300);
		LoadReport report = load.stop();
		assertThat(report.clientErrorCounts()).containsOnlyKeys("connect refused");
	}

	private static HttpServer server(int status, Set<Integer> clientPorts) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/", (exchange) -> {
			clientPorts.add(exchange.getRemoteAddress().getPort());
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("X-Served-By", "target");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		return server;
	}

}
