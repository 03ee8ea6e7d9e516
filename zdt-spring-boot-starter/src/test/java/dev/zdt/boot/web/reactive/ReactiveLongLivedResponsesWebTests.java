package dev.zdt.boot.web.reactive;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.testsupport.http.EventStream;
import dev.zdt.testsupport.http.EventStream.Received;
import dev.zdt.testsupport.http.WebSocketConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-sent event streams and WebSockets of a WebFlux application on a real Reactor
 * Netty server, wrapped by {@link ReactiveLongLivedResponses}, through a drain.
 */
class ReactiveLongLivedResponsesWebTests {

	private static final Duration HOLD = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void aStreamKeepsFlowingDuringTheHoldThenEndsWithACommentAndACleanEnd() throws Exception {
		try (RunningApp app = start(); EventStream stream = EventStream.open(uri(app, "/events"), null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.nextEvent(WAIT).id()).isEqualTo("0");
			assertThat(status(app, "sse")).contains("\"open\":1", "\"ended\":0");
			assertThat(gauge(app, "zdt.connections.long.lived")).isEqualTo(1.0);
			long drainStarted = System.nanoTime();
			app.coordinator().startDrain(DrainTrigger.API);
			List<Received> rest = readToTheEnd(stream);
			Received end = rest.get(rest.size() - 1);
			Received comment = rest.get(rest.size() - 2);
			List<Received> duringTheHold = rest.subList(0, rest.size() - 2);
			assertThat(end.kind()).as("clean end of the body after " + rest).isEqualTo(EventStream.Kind.END);
			assertThat(comment.kind()).isEqualTo(EventStream.Kind.COMMENT);
			assertThat(comment.text()).isEqualTo(ReactiveLongLivedResponses.END_COMMENT);
			assertThat(duringTheHold).as("events during the hold")
				.hasSizeGreaterThan(10)
				.allMatch((received) -> received.kind() == EventStream.Kind.EVENT);
			assertThat(Duration.ofNanos(comment.atNanos() - drainStarted)).as("ended when the hold ended")
				.isGreaterThanOrEqualTo(HOLD.minusMillis(100))
				.isLessThan(HOLD.plusSeconds(3));
			LongLivedConnections connections = app.context().getBean(LongLivedConnections.class);
			// The registry counts an end once the end action has returned, which can be
			// after the stream has unregistered.
			awaitCount(() -> (int) connections.ended(Kind.SERVER_SENT_EVENTS), 1);
			awaitCount(() -> connections.open(Kind.SERVER_SENT_EVENTS), 0);
			assertThat(status(app, "sse")).contains("\"open\":0", "\"ended\":1");
			assertThat(gauge(app, "zdt.connections.long.lived")).isZero();
			assertThat(app.context()
				.getBean(MeterRegistry.class)
				.get("zdt.connections.long.lived.ended")
				.tag("kind", "sse")
				.functionCounter()
				.count()).isEqualTo(1.0);
		}
	}

	@Test
	void aStreamThatStartsAfterTheHoldEndsAtOnce() throws Exception {
		try (RunningApp app = start(); EventStream first = EventStream.open(uri(app, "/events"), null)) {
			app.coordinator().startDrain(DrainTrigger.API);
			List<Received> firstToTheEnd = readToTheEnd(first);
			assertThat(firstToTheEnd).as("the stream open when the hold ended")
				.extracting(Received::kind)
				.endsWith(EventStream.Kind.COMMENT, EventStream.Kind.END);
			try (EventStream late = EventStream.open(uri(app, "/events"), null)) {
				List<Received> all = readToTheEnd(late);
				assertThat(all).extracting(Received::kind)
					.containsExactly(EventStream.Kind.COMMENT, EventStream.Kind.END);
			}
		}
	}

	@Test
	void aStreamThatEndsByItselfIsUnregisteredWithoutTheComment() throws Exception {
		try (RunningApp app = start(); EventStream stream = EventStream.open(uri(app, "/events?count=3"), null)) {
			List<Received> all = readToTheEnd(stream);
			assertThat(all).extracting(Received::id).containsExactly("0", "1", "2", null);
			assertThat(all.get(3).kind()).isEqualTo(EventStream.Kind.END);
			LongLivedConnections connections = app.context().getBean(LongLivedConnections.class);
			awaitCount(() -> connections.open(Kind.SERVER_SENT_EVENTS), 0);
			app.coordinator().startDrain(DrainTrigger.API);
			await().during(HOLD.plusMillis(500))
				.atMost(HOLD.plusSeconds(5))
				.untilAsserted(() -> assertThat(connections.ended(Kind.SERVER_SENT_EVENTS)).isZero());
		}
	}

	@Test
	void aStreamWhoseClientWentAwayIsUnregistered() throws Exception {
		try (RunningApp app = start()) {
			LongLivedConnections connections = app.context().getBean(LongLivedConnections.class);
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
				socket.getOutputStream()
					.write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
				InputStream in = socket.getInputStream();
				String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
				assertThat(head).isEqualTo("HTTP/1.1 200");
				awaitCount(() -> connections.open(Kind.SERVER_SENT_EVENTS), 1);
			}
			awaitCount(() -> connections.open(Kind.SERVER_SENT_EVENTS), 0);
			app.coordinator().startDrain(DrainTrigger.API);
			await().during(HOLD.plusMillis(500))
				.atMost(HOLD.plusSeconds(5))
				.untilAsserted(() -> assertThat(connections.ended(Kind.SERVER_SENT_EVENTS)).isZero());
		}
	}

	@Test
	void aWebSocketStaysOpenDuringTheHoldThenClosesGoingAway() throws Exception {
		try (RunningApp app = start();
				WebSocketConnection socket = WebSocketConnection
					.open(URI.create("ws://127.0.0.1:" + app.port() + "/echo"))) {
			socket.send("before");
			assertThat(socket.nextMessage(WAIT)).isEqualTo("before");
			assertThat(status(app, "websocket")).contains("\"open\":1");
			long drainStarted = System.nanoTime();
			app.coordinator().startDrain(DrainTrigger.API);
			Thread.sleep(HOLD.toMillis() / 2);
			socket.send("during");
			assertThat(socket.nextMessage(WAIT)).as("echoed during the hold").isEqualTo("during");
			assertThat(socket.closedNow()).isNull();
			WebSocketConnection.Closed closed = socket.awaitClose(WAIT);
			assertThat(closed.statusCode()).as(closed.reason()).isEqualTo(1001);
			assertThat(Duration.ofNanos(closed.atNanos() - drainStarted)).isGreaterThanOrEqualTo(HOLD.minusMillis(100));
			LongLivedConnections connections = app.context().getBean(LongLivedConnections.class);
			awaitCount(() -> (int) connections.ended(Kind.WEBSOCKET), 1);
			awaitCount(() -> connections.open(Kind.WEBSOCKET), 0);
			assertThat(status(app, "websocket")).contains("\"open\":0", "\"ended\":1");
		}
	}

	private static RunningApp start() {
		return RunningApp.startReactive(false, "zdt.drain.strategy=fixed", "zdt.drain.delay=" + HOLD.toMillis() + "ms",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=" + HOLD.toMillis() + "ms");
	}

	private static URI uri(RunningApp app, String path) {
		return URI.create("http://127.0.0.1:" + app.port() + path);
	}

	private static List<Received> readToTheEnd(EventStream stream) throws InterruptedException {
		List<Received> all = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Received next = stream.next(Duration.ofNanos(deadline - System.nanoTime()));
			if (next == null) {
				break;
			}
			all.add(next);
			if (next.kind() == EventStream.Kind.END || next.kind() == EventStream.Kind.FAILURE) {
				return all;
			}
		}
		throw new AssertionError("The stream did not end within " + WAIT + ": " + all.size() + " received");
	}

	private static String status(RunningApp app, String kind) {
		String body = app.management("/actuator/zdt").body();
		int at = body.indexOf("\"" + kind + "\":{");
		assertThat(at).as(body).isNotNegative();
		return body.substring(at, body.indexOf('}', at) + 1).replace(" ", "");
	}

	private static double gauge(RunningApp app, String name) {
		return app.context().getBean(MeterRegistry.class).get(name).tag("kind", "sse").gauge().value();
	}

	private static void awaitCount(IntSupplier count, int expected) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(count.getAsInt()).isEqualTo(expected));
	}

}
