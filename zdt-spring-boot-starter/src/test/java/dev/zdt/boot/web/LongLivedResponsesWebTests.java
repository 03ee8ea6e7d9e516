package dev.zdt.boot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.zdt.boot.longlivedapp.LongLivedTestApplication;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.testsupport.http.WebSocketCloseClient;
import dev.zdt.testsupport.http.WebSocketCloseClient.Closing;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Server-sent event streams and WebSockets of a Spring MVC application at the end of the
 * hold, on a real server: Tomcat, and Jetty in the surefire execution "jetty" (system
 * property {@code zdt.test.servlet-server}).
 */
class LongLivedResponsesWebTests {

	private static final Duration HOLD = Duration.ofMillis(1500);

	/**
	 * How long a WebSocket client takes to answer the server's Close frame: a round trip
	 * across a network and a busy client.
	 */
	private static final Duration ANSWER_DELAY = Duration.ofMillis(300);

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aStreamGetsItsEventsThroughTheHoldThenAFinalCommentAndItsEnd() throws Exception {
		start();
		Lines lines = openStream("/events");
		assertThat(lines.next().text()).isEqualTo("id:1");
		assertThat(lines.next().text()).isEqualTo("data:tick 1");
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 1);
		assertThat(longLived("sse")).contains("\"open\":1", "\"ended\":0");
		long drainStarted = System.nanoTime();
		coordinator().startDrain(DrainTrigger.API);
		List<String> duringHold = new ArrayList<>();
		long givingUp = drainStarted + HOLD.plusSeconds(5).toNanos();
		Line line = lines.next();
		while (!line.end() && !line.text().startsWith(":") && line.nanos() < givingUp) {
			duringHold.add(line.text());
			line = lines.next();
		}
		assertThat(line.text()).as("the line that ends the stream, within 5 s of the hold's end")
			.isEqualTo(":" + LongLivedResponses.FINAL_COMMENT);
		assertThat(Duration.ofNanos(line.nanos() - drainStarted)).as("time from drain to the final comment")
			.isGreaterThanOrEqualTo(HOLD);
		assertThat(duringHold.stream().filter((text) -> text.startsWith("data:tick"))).as("events during the hold")
			.hasSizeGreaterThanOrEqualTo(5);
		assertThat(duringHold).as("whole events, although the application kept sending as the hold ended")
			.allMatch((text) -> text.matches("id:\\d+|data:tick \\d+|"));
		assertThat(lines.next().text()).isEmpty();
		assertThat(lines.next().end()).as("the end of the stream").isTrue();
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 0);
		assertThat(longLived("sse")).contains("\"open\":0", "\"ended\":1");
		assertThat(meter("zdt.connections.long.lived.ended", "sse")).isEqualTo(1);
		awaitCount(() -> this.context.getBean(LongLivedTestApplication.Completions.class).count(), 1);
	}

	@Test
	void aWebSocketIsClosedWithGoingAwayWhenTheHoldEnds() throws Exception {
		start();
		Socket socket = openWebSocket();
		socket.webSocket().sendText("hello", true);
		assertThat(socket.messages().poll(5, TimeUnit.SECONDS)).isEqualTo("echo hello");
		assertThat(longLived("websocket")).contains("\"open\":1", "\"ended\":0");
		assertThat(meter("zdt.connections.long.lived", "websocket")).isEqualTo(1);
		long drainStarted = System.nanoTime();
		coordinator().startDrain(DrainTrigger.API);
		int closeCode = socket.closed().get(10, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - drainStarted)).as("time from drain to the close")
			.isGreaterThanOrEqualTo(HOLD);
		assertThat(closeCode).isEqualTo(1001);
		awaitCount(() -> open(Kind.WEBSOCKET), 0);
		assertThat(longLived("websocket")).contains("\"open\":0", "\"ended\":1");
		assertThat(meter("zdt.connections.long.lived.ended", "websocket")).isEqualTo(1);
	}

	@Test
	void aStreamStartedAfterTheHoldIsEndedAtOnce() throws Exception {
		start();
		coordinator().startDrain(DrainTrigger.API).get(10, TimeUnit.SECONDS);
		Lines lines = openStream("/events");
		List<String> texts = new ArrayList<>();
		for (Line line = lines.next(); !line.end(); line = lines.next()) {
			texts.add(line.text());
		}
		assertThat(texts).endsWith(":" + LongLivedResponses.FINAL_COMMENT, "");
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 0);
		assertThat(longLived("sse")).contains("\"ended\":1");
	}

	@Test
	void aStreamTheApplicationCompletedIsForgottenAndItsOwnCallbackRuns() throws Exception {
		start();
		Lines lines = openStream("/events?count=2");
		List<String> texts = new ArrayList<>();
		for (Line line = lines.next(); !line.end(); line = lines.next()) {
			texts.add(line.text());
		}
		assertThat(texts).containsExactly("id:1", "data:tick 1", "", "id:2", "data:tick 2", "");
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 0);
		awaitCount(() -> this.context.getBean(LongLivedTestApplication.Completions.class).count(), 1);
		assertThat(longLived("sse")).contains("\"open\":0", "\"ended\":0");
	}

	@Test
	void aStreamWhoseClientWentAwayIsForgotten() throws Exception {
		start();
		Lines lines = openStream("/events");
		assertThat(lines.next().text()).isEqualTo("id:1");
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 1);
		lines.close();
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 0);
		assertThat(longLived("sse")).contains("\"ended\":0");
	}

	@Test
	void aStreamThatTimedOutIsForgotten() throws Exception {
		start();
		Lines lines = openStream("/events?timeoutMs=500");
		assertThat(lines.next().text()).isEqualTo("id:1");
		awaitCount(() -> open(Kind.SERVER_SENT_EVENTS), 0);
		assertThat(longLived("sse")).contains("\"ended\":0");
	}

	@Test
	void aWebSocketTheClientClosedIsForgotten() throws Exception {
		start();
		Socket socket = openWebSocket();
		awaitCount(() -> open(Kind.WEBSOCKET), 1);
		socket.webSocket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
		assertThat(socket.closed().get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
		awaitCount(() -> open(Kind.WEBSOCKET), 0);
		assertThat(longLived("websocket")).contains("\"ended\":0");
	}

	@Test
	void webSocketClientsAnswerTheCloseBeforeShutdownEndsTheirConnections() throws Exception {
		assumeTrue(servletServer().equals("tomcat"),
				"Jetty ends a session closed with 1001 without waiting for the client's Close frame");
		start();
		List<WebSocketCloseClient> clients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			WebSocketCloseClient webSocket = WebSocketCloseClient.open(port(), "/echo", Duration.ofSeconds(5));
			this.resources.add(webSocket);
			clients.add(webSocket);
		}
		awaitCount(() -> open(Kind.WEBSOCKET), clients.size());
		List<CompletableFuture<Closing>> closings = new ArrayList<>();
		for (WebSocketCloseClient webSocket : clients) {
			closings.add(CompletableFuture.supplyAsync(() -> {
				try {
					return webSocket.awaitCloseAndAnswer(HOLD.plusSeconds(20), ANSWER_DELAY);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, (task) -> new Thread(task, "websocket-client").start()));
		}
		// What a SIGTERM does: the hold runs in the context's close, then the web server
		// shuts down.
		this.context.close();
		List<Closing> ended = new ArrayList<>();
		for (CompletableFuture<Closing> closing : closings) {
			ended.add(closing.get(30, TimeUnit.SECONDS));
		}
		assertThat(ended).as("closing handshakes: the server closes the connection after the client's answer")
			.allSatisfy((closing) -> {
				assertThat(closing.statusCode()).isEqualTo(1001);
				assertThat(closing.isClean()).as("%s", closing).isTrue();
			});
	}

	private void start() {
		this.context = new SpringApplicationBuilder(LongLivedTestApplication.class)
			.properties("server.port=0", "management.endpoints.web.exposure.include=zdt", "spring.main.banner-mode=off",
					"zdt.drain.strategy=fixed", "zdt.drain.delay=" + HOLD.toMillis() + "ms", "zdt.drain.min-hold=0s",
					"zdt.drain.max-hold=" + HOLD.toMillis() + "ms")
			.run();
		String server = servletServer();
		assertThat(Arrays.stream(this.context.getBeanDefinitionNames()).map(this.context::getType))
			.as("the servlet web server the tests run on")
			.anyMatch((type) -> type != null
					&& type.getSimpleName().equalsIgnoreCase(server + "ServletWebServerFactory"));
	}

	private static String servletServer() {
		return System.getProperty("zdt.test.servlet-server", "tomcat");
	}

	private Lines openStream(String path) throws IOException, InterruptedException {
		HttpResponse<Stream<String>> response = client.send(request(path).build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		Lines lines = new Lines(response.body());
		this.resources.add(lines);
		return lines;
	}

	private Socket openWebSocket() throws Exception {
		Socket socket = new Socket();
		WebSocket webSocket = client.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port() + "/echo"), socket)
			.get(5, TimeUnit.SECONDS);
		this.resources.add(() -> webSocket.abort());
		return socket;
	}

	private String longLived(String kind) throws IOException, InterruptedException {
		String status = client.send(request("/actuator/zdt").build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher counts = Pattern.compile("\"" + kind + "\":\\{[^}]*}").matcher(status);
		assertThat(counts.find()).as("%s counts in %s", kind, status).isTrue();
		return counts.group();
	}

	private double meter(String name, String kind) {
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		return registry.get(name).tag("kind", kind).meter().measure().iterator().next().getValue();
	}

	private int open(Kind kind) {
		return this.context.getBean(LongLivedConnections.class).open(kind);
	}

	private DrainCoordinator coordinator() {
		return this.context.getBean(DrainCoordinator.class);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(30));
	}

	private int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static void awaitCount(IntSupplier count, int expected) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count.getAsInt()).isEqualTo(expected));
	}

	/**
	 * A line of a response body and when it arrived; or the end of the body.
	 */
	private record Line(String text, long nanos, boolean end) {

	}

	/**
	 * The lines of a streamed response body, read on a thread of their own.
	 */
	private static final class Lines implements AutoCloseable {

		private final BlockingQueue<Line> received = new LinkedBlockingQueue<>();

		private final Stream<String> body;

		Lines(Stream<String> body) {
			this.body = body;
			Thread reader = new Thread(this::read, "sse-reader");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try {
				this.body.forEach((text) -> this.received.add(new Line(text, System.nanoTime(), false)));
			}
			catch (RuntimeException ex) {
				// Cut rather than ended: the test sees no end-of-stream line for it.
				return;
			}
			this.received.add(new Line("", System.nanoTime(), true));
		}

		Line next() throws InterruptedException {
			Line line = this.received.poll(10, TimeUnit.SECONDS);
			assertThat(line).as("a line of the stream within 10 s").isNotNull();
			return line;
		}

		@Override
		public void close() {
			this.body.close();
		}

	}

	/**
	 * What a WebSocket client receives: text messages and the close code.
	 */
	private static final class Socket implements WebSocket.Listener {

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private volatile WebSocket webSocket;

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			webSocket.request(Long.MAX_VALUE);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.messages.add(data.toString());
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

		WebSocket webSocket() {
			return this.webSocket;
		}

		BlockingQueue<String> messages() {
			return this.messages;
		}

		CompletableFuture<Integer> closed() {
			return this.closed;
		}

	}

}
