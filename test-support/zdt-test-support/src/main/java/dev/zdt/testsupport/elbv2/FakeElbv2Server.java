package dev.zdt.testsupport.elbv2;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for the Elastic Load Balancing v2 API that speaks its wire format, so
 * that the real AWS SDK client can be pointed at it with {@code endpointOverride}:
 * awsQuery form POSTs in
 * ({@code Action=DescribeTargetHealth&TargetGroupArn=...&Targets.member.1.Id=...}), XML
 * out in the shapes of the AWS API reference, errors as {@code ErrorResponse} with the
 * status codes AWS uses. It answers {@code DescribeTargetHealth} and
 * {@code DescribeTargetGroupAttributes}; its target states are set by hand or computed on
 * each request by a {@link TargetHealthFunction} (to follow a real load balancer's state,
 * such as HAProxy's). Listens on 127.0.0.1 only.
 */
public final class FakeElbv2Server implements AutoCloseable {

	private static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, TargetGroup> targetGroups = new ConcurrentHashMap<>();

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile @Nullable TargetHealthFunction healthFunction;

	private volatile @Nullable Fault fault;

	private volatile @Nullable String faultAction;

	private volatile @Nullable Admission admission;

	private volatile boolean recording = true;

	private FakeElbv2Server(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Starts a server on 127.0.0.1 and a free port.
	 * @return the running server
	 * @throws IOException if it cannot listen
	 */
	public static FakeElbv2Server start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fake-elbv2");
			thread.setDaemon(true);
			return thread;
		});
		FakeElbv2Server fake = new FakeElbv2Server(server, executor);
		server.createContext("/", fake::handle);
		server.setExecutor(executor);
		server.start();
		return fake;
	}

	/**
	 * Returns the endpoint to give the SDK client's {@code endpointOverride}.
	 * @return the endpoint, such as {@code http://127.0.0.1:40123}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Declares a target group; calls naming any other ARN get
	 * {@code TargetGroupNotFound}.
	 * @param arn the target group ARN
	 * @param deregistrationDelay its {@code deregistration_delay.timeout_seconds}
	 * @return this server
	 */
	public FakeElbv2Server targetGroup(String arn, Duration deregistrationDelay) {
		this.targetGroups.computeIfAbsent(arn, (key) -> new TargetGroup()).deregistrationDelay = deregistrationDelay;
		return this;
	}

	/**
	 * Registers a target, or changes its state, in a declared target group.
	 * @param arn the target group ARN
	 * @param ip the target's IP address
	 * @param port the target's port
	 * @param state the ALB state: {@code initial}, {@code healthy}, {@code unhealthy},
	 * {@code draining}, {@code unused}, {@code unavailable}
	 * @return this server
	 */
	public FakeElbv2Server targetState(String arn, String ip, int port, String state) {
		targetGroup(arn).targets.put(key(ip, port), TargetHealth.of(state));
		return this;
	}

	/**
	 * Removes a target from a declared target group, as the end of its deregistration
	 * delay does.
	 * @param arn the target group ARN
	 * @param ip the target's IP address
	 * @param port the target's port
	 */
	public void deregister(String arn, String ip, int port) {
		targetGroup(arn).targets.remove(key(ip, port));
	}

	/**
	 * Computes every target's health on each request instead of the states set by hand,
	 * e.g. from a real load balancer's view. Target groups must still be declared.
	 * @param function the function, or {@code null} to go back to the states set by hand
	 */
	public void targetHealth(@Nullable TargetHealthFunction function) {
		this.healthFunction = function;
	}

	/**
	 * Makes every request fail the given way until {@link #clearFault()}.
	 * @param fault the fault
	 */
	public void fail(Fault fault) {
		this.faultAction = null;
		this.fault = Objects.requireNonNull(fault, "fault");
	}

	/**
	 * Makes every request of one action fail the given way until {@link #clearFault()}.
	 * @param action the action, such as {@code DescribeTargetGroupAttributes}
	 * @param fault the fault
	 */
	public void fail(String action, Fault fault) {
		this.faultAction = Objects.requireNonNull(action, "action");
		this.fault = Objects.requireNonNull(fault, "fault");
	}

	/**
	 * Lets an admission decide, request by request, which requests are answered and which
	 * get {@code Throttling} (HTTP 400), as the ELBv2 API's rate limit does; see
	 * {@link DescribeTokenBucket}.
	 * @param admission the admission, or {@code null} to answer every request
	 * @return this server
	 */
	public FakeElbv2Server admission(@Nullable Admission admission) {
		this.admission = admission;
		return this;
	}

	/**
	 * Sets whether {@link #requests()} keeps every request; a long benchmark with many
	 * clients turns it off so that memory stays flat. On by default.
	 * @param recording whether to keep the requests
	 * @return this server
	 */
	public FakeElbv2Server recording(boolean recording) {
		this.recording = recording;
		return this;
	}

	/**
	 * Answers requests normally again; requests held by {@link Fault#NO_ANSWER} stay
	 * held.
	 */
	public void clearFault() {
		this.fault = null;
	}

	/**
	 * Returns the form parameters of every request received so far, oldest first; signed
	 * requests also have {@code _signed=true}, {@code _authorization} and, with session
	 * credentials, {@code _securityToken}.
	 * @return the requests
	 */
	public List<Map<String, String>> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Returns how many requests of one action were received.
	 * @param action the action, such as {@code DescribeTargetHealth}
	 * @return the count
	 */
	public long requestCount(String action) {
		return this.requests.stream().filter((request) -> action.equals(request.get("Action"))).count();
	}

	/**
	 * Stops the server and releases requests held by {@link Fault#NO_ANSWER}.
	 */
	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private TargetGroup targetGroup(String arn) {
		TargetGroup group = this.targetGroups.get(arn);
		if (group == null) {
			throw new IllegalArgumentException("declare the target group first: " + arn);
		}
		return group;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> form = parseForm(
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null) {
				form.put("_signed", "true");
				form.put("_authorization", authorization);
			}
			String securityToken = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
			if (securityToken != null) {
				form.put("_securityToken", securityToken);
			}
			if (this.recording) {
				this.requests.add(form);
			}
			Admission admission = this.admission;
			if (admission != null && !admission.admit(form)) {
				Fault throttled = Fault.THROTTLING;
				send(exchange, throttled.status, error(throttled.type, throttled.code, throttled.message));
				return;
			}
			String faultAction = this.faultAction;
			Fault fault = (faultAction == null || faultAction.equals(form.get("Action"))) ? this.fault : null;
			if (fault == Fault.NO_ANSWER) {
				this.closed.await(5, TimeUnit.MINUTES);
				return;
			}
			if (fault != null) {
				send(exchange, fault.status, error(fault.type, fault.code, fault.message));
				return;
			}
			answer(exchange, form);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void answer(HttpExchange exchange, Map<String, String> form) throws IOException {
		String action = String.valueOf(form.get("Action"));
		if (!"POST".equals(exchange.getRequestMethod())) {
			send(exchange, 400, error("Sender", "InvalidAction", "Only POST is supported by this fake"));
			return;
		}
		String arn = form.get("TargetGroupArn");
		TargetGroup group = (arn != null) ? this.targetGroups.get(arn) : null;
		if (!action.equals("DescribeTargetHealth") && !action.equals("DescribeTargetGroupAttributes")) {
			send(exchange, 400,
					error("Sender", "InvalidAction", "The action " + action + " is not valid for this endpoint."));
		}
		else if (arn == null || group == null) {
			send(exchange, 400, error("Sender", "TargetGroupNotFound", "One or more target groups not found"));
		}
		else if (action.equals("DescribeTargetHealth")) {
			send(exchange, 200, describeTargetHealth(arn, group, requestedTargets(form)));
		}
		else {
			send(exchange, 200, describeTargetGroupAttributes(group));
		}
	}

	private String describeTargetHealth(String arn, TargetGroup group, List<String[]> requested) {
		List<String[]> targets = requested.isEmpty() ? registeredTargets(arn, group) : requested;
		StringBuilder members = new StringBuilder();
		for (String[] target : targets) {
			int port = (target[1] != null) ? Integer.parseInt(target[1]) : 0;
			TargetHealth health = health(arn, group, target[0], port);
			members.append("<member><Target><Id>")
				.append(escape(target[0]))
				.append("</Id>")
				.append((target[1] != null) ? "<Port>" + port + "</Port>" : "")
				.append("</Target><HealthCheckPort>")
				.append(port)
				.append("</HealthCheckPort><TargetHealth><State>")
				.append(escape(health.state()))
				.append("</State>")
				.append((health.reason() != null) ? "<Reason>" + escape(health.reason()) + "</Reason>" : "")
				.append((health.description() != null)
						? "<Description>" + escape(health.description()) + "</Description>" : "")
				.append("</TargetHealth></member>");
		}
		return "<DescribeTargetHealthResponse xmlns=\"" + NAMESPACE + "\"><DescribeTargetHealthResult>"
				+ "<TargetHealthDescriptions>" + members + "</TargetHealthDescriptions></DescribeTargetHealthResult>"
				+ responseMetadata() + "</DescribeTargetHealthResponse>";
	}

	private TargetHealth health(String arn, TargetGroup group, String ip, int port) {
		TargetHealthFunction function = this.healthFunction;
		TargetHealth health = (function != null) ? function.health(arn, ip, port) : group.targets.get(key(ip, port));
		return (health != null) ? health : TargetHealth.NOT_REGISTERED;
	}

	private List<String[]> registeredTargets(String arn, TargetGroup group) {
		List<String[]> targets = new ArrayList<>();
		group.targets.keySet().forEach((key) -> {
			int colon = key.lastIndexOf(':');
			targets.add(new String[] { key.substring(0, colon), key.substring(colon + 1) });
		});
		return targets;
	}

	private static List<String[]> requestedTargets(Map<String, String> form) {
		List<String[]> targets = new ArrayList<>();
		for (int i = 1; form.containsKey("Targets.member." + i + ".Id"); i++) {
			targets.add(new String[] { form.get("Targets.member." + i + ".Id"),
					form.get("Targets.member." + i + ".Port") });
		}
		return targets;
	}

	private static String describeTargetGroupAttributes(TargetGroup group) {
		return "<DescribeTargetGroupAttributesResponse xmlns=\"" + NAMESPACE
				+ "\"><DescribeTargetGroupAttributesResult>" + "<Attributes>" + attribute("stickiness.enabled", "false")
				+ attribute("deregistration_delay.timeout_seconds",
						Long.toString(group.deregistrationDelay.toSeconds()))
				+ attribute("stickiness.type", "lb_cookie") + attribute("load_balancing.algorithm.type", "round_robin")
				+ "</Attributes></DescribeTargetGroupAttributesResult>" + responseMetadata()
				+ "</DescribeTargetGroupAttributesResponse>";
	}

	private static String attribute(String key, String value) {
		return "<member><Key>" + key + "</Key><Value>" + value + "</Value></member>";
	}

	private static String error(String type, String code, String message) {
		return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
				+ "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
				+ "</RequestId></ErrorResponse>";
	}

	private static String responseMetadata() {
		return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
	}

	private static void send(HttpExchange exchange, int status, String xml) throws IOException {
		byte[] body = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/xml");
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				String name = (equals >= 0) ? pair.substring(0, equals) : pair;
				String value = (equals >= 0) ? pair.substring(equals + 1) : "";
				form.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static String key(String ip, int port) {
		return ip + ":" + port;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static final class TargetGroup {

		private final Map<String, TargetHealth> targets = new ConcurrentHashMap<>();

		private volatile Duration deregistrationDelay = Duration.ofSeconds(300);

	}

	/**
	 * The health of one target as {@code DescribeTargetHealth} reports it.
	 *
	 * @param state the state
	 * @param reason the reason code, or {@code null}
	 * @param description the description, or {@code null}
	 */
	public record TargetHealth(String state, @Nullable String reason, @Nullable String description) {

		/** What AWS answers for a target that the target group does not know. */
		public static final TargetHealth NOT_REGISTERED = new TargetHealth("unused", "Target.NotRegistered",
				"Target is not registered to the target group");

		/**
		 * Returns the health AWS reports with the given state, with its usual reason.
		 * @param state the state
		 * @return the health
		 */
		public static TargetHealth of(String state) {
			return switch (state) {
				case "healthy" -> new TargetHealth(state, null, null);
				case "initial" ->
					new TargetHealth(state, "Elb.RegistrationInProgress", "Target registration is in progress");
				case "unhealthy" -> new TargetHealth(state, "Target.ResponseCodeMismatch",
						"Health checks failed with these codes: [503]");
				case "draining" ->
					new TargetHealth(state, "Target.DeregistrationInProgress", "Target deregistration is in progress");
				case "unused" -> NOT_REGISTERED;
				default -> new TargetHealth(state, null, null);
			};
		}

	}

	/**
	 * Decides whether a request is answered or throttled.
	 */
	@FunctionalInterface
	public interface Admission {

		/**
		 * Returns whether to answer a request.
		 * @param request the form parameters of the request, with {@code _authorization}
		 * when signed (see {@link FakeElbv2Server#requests()})
		 * @return {@code true} to answer, {@code false} to answer {@code Throttling}
		 */
		boolean admit(Map<String, String> request);

	}

	/**
	 * Computes a target's health on each request.
	 */
	@FunctionalInterface
	public interface TargetHealthFunction {

		/**
		 * Returns the health of a target.
		 * @param targetGroupArn the target group ARN
		 * @param ip the target's IP address
		 * @param port the target's port
		 * @return the health, or {@code null} when the target is not registered
		 */
		@Nullable TargetHealth health(String targetGroupArn, String ip, int port);

	}

	/**
	 * The ways a request can fail, with the codes and status AWS uses.
	 */
	public enum Fault {

		/** {@code Throttling}, HTTP 400. */
		THROTTLING(400, "Sender", "Throttling", "Rate exceeded"),

		/** {@code AccessDenied}, HTTP 403. */
		ACCESS_DENIED(403, "Sender", "AccessDenied",
				"User: arn:aws:sts::123456789012:assumed-role/zdt-sample/i-0 is not authorized to perform: "
						+ "elasticloadbalancing:DescribeTargetHealth because no identity-based policy allows the "
						+ "elasticloadbalancing:DescribeTargetHealth action"),

		/** {@code TargetGroupNotFound}, HTTP 400, whatever the ARN. */
		TARGET_GROUP_NOT_FOUND(400, "Sender", "TargetGroupNotFound", "One or more target groups not found"),

		/** {@code InvalidTarget}, HTTP 400. */
		INVALID_TARGET(400, "Sender", "InvalidTarget",
				"The following targets are not in a running state and cannot be registered"),

		/** {@code InternalFailure}, HTTP 500. */
		INTERNAL_FAILURE(500, "Receiver", "InternalFailure",
				"The request processing has failed because of an unknown error, exception or failure."),

		/** {@code ServiceUnavailable}, HTTP 503. */
		SERVICE_UNAVAILABLE(503, "Receiver", "ServiceUnavailable", "Service is unavailable"),

		/** The request is read and never answered until the server closes. */
		NO_ANSWER(0, "", "", "");

		private final int status;

		private final String type;

		private final String code;

		private final String message;

		Fault(int status, String type, String code, String message) {
			this.status = status;
			this.type = type;
			this.code = code;
			this.message = message;
		}

	}

}
