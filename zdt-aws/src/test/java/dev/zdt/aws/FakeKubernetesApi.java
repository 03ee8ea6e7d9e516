package dev.zdt.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for the two Kubernetes API resources the discovery reads: pods and
 * TargetGroupBindings, with bearer token checks and the API server's status codes.
 */
final class FakeKubernetesApi implements AutoCloseable {

	private final HttpServer server;

	private final String scheme;

	private final Map<String, String> resources = new ConcurrentHashMap<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile String token = "";

	private volatile int forcedStatus;

	private volatile boolean stallMidBody;

	private final CountDownLatch closed = new CountDownLatch(1);

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fake-kubernetes-api");
		thread.setDaemon(true);
		return thread;
	});

	private FakeKubernetesApi(HttpServer server, String scheme) {
		this.server = server;
		this.scheme = scheme;
		server.createContext("/", this::handle);
		server.setExecutor(this.executor);
		server.start();
	}

	static FakeKubernetesApi start() throws IOException {
		return new FakeKubernetesApi(HttpServer.create(loopback(), 0), "http");
	}

	static FakeKubernetesApi startTls(SSLContext sslContext) throws IOException {
		HttpsServer server = HttpsServer.create(loopback(), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(sslContext));
		return new FakeKubernetesApi(server, "https");
	}

	private static InetSocketAddress loopback() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	URI uri() {
		return URI.create(this.scheme + "://127.0.0.1:" + port());
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	FakeKubernetesApi token(String token) {
		this.token = token;
		return this;
	}

	FakeKubernetesApi pod(String namespace, String name, String podIp, String... readinessGateTypes) {
		String gates = List.of(readinessGateTypes)
			.stream()
			.map((type) -> "{\"conditionType\":\"" + type + "\"}")
			.collect(Collectors.joining(","));
		String conditions = List.of(readinessGateTypes)
			.stream()
			.map((type) -> ",{\"type\":\"" + type
					+ "\",\"status\":\"True\",\"lastTransitionTime\":\"2026-11-26T21:02:11Z\"}")
			.collect(Collectors.joining());
		this.resources.put("/api/v1/namespaces/" + namespace + "/pods/" + name,
				"""
						{"kind":"Pod","apiVersion":"v1",
						 "metadata":{"name":"%s","namespace":"%s","uid":"6f1f7a0e-3d0c-4a43-9a71-2b9a6f0c2b11",
						  "labels":{"app":"sample","pod-template-hash":"7d9f8c6b5"}},
						 "spec":{"containers":[{"name":"app","image":"zdt-sample-app:0.1.0","ports":[{"containerPort":8080,"protocol":"TCP"}]}],
						  "readinessGates":[%s],"serviceAccountName":"sample","terminationGracePeriodSeconds":70},
						 "status":{"phase":"Running","podIP":"%s","podIPs":[{"ip":"%s"}],
						  "conditions":[{"type":"Ready","status":"True"}%s]}}
						"""
					.formatted(name, namespace, gates, podIp, podIp, conditions));
		return this;
	}

	/**
	 * The API version of the self-managed AWS Load Balancer Controller's
	 * TargetGroupBindings.
	 */
	static final String SELF_MANAGED = "elbv2.k8s.aws/v1beta1";

	/** The API version of EKS Auto Mode's TargetGroupBindings. */
	static final String AUTO_MODE = "eks.amazonaws.com/v1";

	FakeKubernetesApi targetGroupBinding(String namespace, String name, String arn, String targetType) {
		return targetGroupBinding(SELF_MANAGED, namespace, name, arn, targetType);
	}

	FakeKubernetesApi targetGroupBinding(String apiVersion, String namespace, String name, String arn,
			String targetType) {
		this.resources.put("/apis/" + apiVersion + "/namespaces/" + namespace + "/targetgroupbindings/" + name, """
				{"apiVersion":"%s","kind":"TargetGroupBinding",
				 "metadata":{"name":"%s","namespace":"%s","generation":1,
				  "labels":{"ingress.k8s.aws/stack-name":"sample","ingress.k8s.aws/stack-namespace":"%s"}},
				 "spec":{"ipAddressType":"ipv4","serviceRef":{"name":"sample","port":80},
				  "targetGroupARN":"%s","targetType":"%s","vpcID":"vpc-0a1b2c3d4e5f67890"},
				 "status":{"observedGeneration":1}}
				""".formatted(apiVersion, name, namespace, namespace, arn, targetType));
		return this;
	}

	void respondWith(int status) {
		this.forcedStatus = status;
	}

	/**
	 * Sends the status line, the headers and half of every body, then nothing more until
	 * closed, as an overloaded API server or a broken proxy may.
	 */
	void stallMidBody() {
		this.stallMidBody = true;
	}

	List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.authorizations.add(String.valueOf(authorization));
			String body = this.resources.get(exchange.getRequestURI().getPath());
			if (this.forcedStatus != 0) {
				send(exchange, this.forcedStatus, status(this.forcedStatus, "forced by the test"));
			}
			else if (!("Bearer " + this.token).equals(authorization)) {
				send(exchange, 401, status(401, "Unauthorized"));
			}
			else if (body == null) {
				send(exchange, 404, status(404, exchange.getRequestURI().getPath() + " not found"));
			}
			else if (this.stallMidBody) {
				sendHalf(exchange, body);
			}
			else {
				send(exchange, 200, body);
			}
		}
	}

	private void sendHalf(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		OutputStream out = exchange.getResponseBody();
		out.write(body, 0, body.length / 2);
		out.flush();
		try {
			this.closed.await(5, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String status(int code, String message) {
		return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
				+ "\",\"code\":" + code + "}";
	}

	private static void send(HttpExchange exchange, int status, @Nullable String json) throws IOException {
		byte[] body = String.valueOf(json).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
