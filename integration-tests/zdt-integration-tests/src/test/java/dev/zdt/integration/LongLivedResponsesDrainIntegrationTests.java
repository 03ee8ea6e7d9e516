package dev.zdt.integration;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.http.EventStream;
import dev.zdt.testsupport.http.EventStream.Kind;
import dev.zdt.testsupport.http.EventStream.Received;
import dev.zdt.testsupport.http.HttpResult;
import dev.zdt.testsupport.http.WebSocketCloseClient;
import dev.zdt.testsupport.http.WebSocketCloseClient.Closing;
import dev.zdt.testsupport.http.WebSocketConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux sample app's live high-score feed through a real drain: the server-sent
 * event stream and the WebSocket keep flowing during the hold, end cleanly when it ends
 * (not cut when the shutdown timeout expires), and a client that reconnects to another
 * instance with {@code Last-Event-ID} loses no event.
 */
class LongLivedResponsesDrainIntegrationTests {

	private static final Duration MAX_HOLD = Duration.ofSeconds(4);

	/**
	 * Long on purpose: a stream the drain does not end is cut only when this runs out.
	 */
	private static final Duration SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration TICK = Duration.ofMillis(200);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String KUBELET = "User-Agent: kube-lifecycle/1.32";

	/** As many WebSocket clients as in the report of issue 22, where 3 were reset. */
	private static final int WEBSOCKET_CLIENTS = 110;

	/**
	 * How long a client takes to answer the server's Close frame: a round trip across a
	 * network and a busy client.
	 */
	private static final Duration ANSWER_DELAY = Duration.ofMillis(300);

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sigterm", "prestop" })
	void theFeedEndsCleanlyWhenTheHoldEndsAndGoesOnOnAnotherInstanceWithTheNextEvent(String trigger) throws Exception {
		try (SampleApp a = start("feed-" + trigger + "-a"); SampleApp b = start("feed-" + trigger + "-b")) {
			a.awaitReady();
			b.awaitReady();
			EventStream stream = EventStream.open(scores(a), null);
			assertThat(stream.status()).isEqualTo(200);
			for (int i = 0; i < 3; i++) {
				stream.nextEvent(WAIT);
			}
			long drainStarted = System.nanoTime();
			CompletableFuture<HttpResult> preStop = null;
			if (trigger.equals("prestop")) {
				preStop = Background.call("preStop",
						() -> a.management("/actuator/zdt/drain", MAX_HOLD.plus(WAIT), KUBELET));
			}
			else {
				a.process().sigterm();
			}
			DrainLog.awaitDrainStarted(a.log(), Duration.ofSeconds(5));
			List<Received> rest = readToTheEnd(stream);
			stream.close();
			long endSeen = System.nanoTime();
			if (preStop != null) {
				assertThat(preStop.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
				a.process().sigterm();
			}
			int exitCode = a.process().awaitExit(MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plus(WAIT));
			long exited = System.nanoTime();

			Received end = rest.get(rest.size() - 1);
			Received comment = rest.get(rest.size() - 2);
			List<Received> duringTheHold = rest.subList(0, rest.size() - 2);
			Received last = duringTheHold.get(duringTheHold.size() - 1);
			System.out.printf(
					"%s: %d events during the hold, last id %s, end of stream after %d ms, exit %d after %d ms%n",
					trigger, duringTheHold.size(), last.id(), Duration.ofNanos(end.atNanos() - drainStarted).toMillis(),
					exitCode, Duration.ofNanos(exited - drainStarted).toMillis());

			assertThat(end.kind()).as("a clean end of the stream, not a cut: %s", end).isEqualTo(Kind.END);
			assertThat(comment.kind()).as("the last thing before the end: %s", comment).isEqualTo(Kind.COMMENT);
			assertThat(duringTheHold).as("events kept flowing during the hold")
				.hasSizeGreaterThan(5)
				.allMatch((received) -> received.kind() == Kind.EVENT);
			Duration endAfter = Duration.ofNanos(end.atNanos() - drainStarted);
			assertThat(endAfter).as("ended when the hold ended, long before the shutdown timeout")
				.isGreaterThanOrEqualTo(MAX_HOLD.minusMillis(500))
				.isLessThan(MAX_HOLD.plusSeconds(3));
			assertThat(end.atNanos()).as("ended before the process exited").isLessThan(exited);
			assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
			assertThat(Duration.ofNanos(exited - endSeen)).as("nothing left for the shutdown to wait for")
				.isLessThan(SHUTDOWN_PHASE_TIMEOUT.dividedBy(2));

			try (EventStream resumed = EventStream.open(scores(b), last.id())) {
				Received first = resumed.nextEvent(WAIT);
				Received second = resumed.nextEvent(WAIT);
				assertThat(Long.parseLong(first.id())).as("the first event from the other instance")
					.isEqualTo(Long.parseLong(last.id()) + 1);
				assertThat(Long.parseLong(second.id())).isEqualTo(Long.parseLong(first.id()) + 1);
			}
		}
	}

	@Test
	void theWebSocketIsClosedGoingAwayWhenTheHoldEnds() throws Exception {
		try (SampleApp app = start("feed-websocket")) {
			app.awaitReady();
			WebSocketConnection socket = WebSocketConnection.open(webSocket(app));
			assertThat(socket.nextMessage(WAIT)).as("a tick").isNotNull();
			long sigterm = System.nanoTime();
			app.process().sigterm();
			DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
			assertThat(socket.nextMessage(WAIT)).as("ticks during the hold").isNotNull();
			WebSocketConnection.Closed closed = socket.awaitClose(MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plus(WAIT));
			int exitCode = app.process().awaitExit(MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plus(WAIT));
			Duration closedAfter = Duration.ofNanos(closed.atNanos() - sigterm);
			System.out.printf("websocket: closed %d (%s) after %d ms, exit %d%n", closed.statusCode(), closed.reason(),
					closedAfter.toMillis(), exitCode);
			assertThat(closed.statusCode()).as("close code: %s", closed).isEqualTo(1001);
			assertThat(closedAfter).as("closed when the hold ended")
				.isGreaterThanOrEqualTo(MAX_HOLD.minusMillis(500))
				.isLessThan(MAX_HOLD.plusSeconds(3));
			assertThat(exitCode).isEqualTo(143);
			socket.close();
		}
	}

	@Test
	void everyWebSocketClientAnswersTheCloseBeforeShutdownEndsItsConnection() throws Exception {
		try (SampleApp app = start("feed-websocket-closing")) {
			app.awaitReady();
			List<WebSocketCloseClient> clients = new ArrayList<>();
			try {
				for (int i = 0; i < WEBSOCKET_CLIENTS; i++) {
					clients.add(WebSocketCloseClient.open(app.appPort(), "/ws/scores", WAIT));
				}
				List<CompletableFuture<Closing>> closings = new ArrayList<>();
				for (WebSocketCloseClient client : clients) {
					closings.add(Background.call("websocket-client", () -> client
						.awaitCloseAndAnswer(MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plus(WAIT), ANSWER_DELAY)));
				}
				app.process().sigterm();
				List<Closing> ended = new ArrayList<>();
				for (CompletableFuture<Closing> closing : closings) {
					ended.add(closing.get(MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plus(WAIT).toSeconds(),
							TimeUnit.SECONDS));
				}
				int exitCode = app.process().awaitExit(SHUTDOWN_PHASE_TIMEOUT.plus(WAIT));
				System.out.printf("%d websocket clients answering the close after %d ms: %d clean, %s%n",
						WEBSOCKET_CLIENTS, ANSWER_DELAY.toMillis(), ended.stream().filter(Closing::isClean).count(),
						ended.stream().filter((closing) -> !closing.isClean()).toList());
				assertThat(ended).as("closing handshakes: the server closes the connection after the client's answer")
					.allSatisfy((closing) -> {
						assertThat(closing.statusCode()).isEqualTo(1001);
						assertThat(closing.isClean()).as("%s", closing).isTrue();
					});
				assertThat(exitCode).isEqualTo(143);
			}
			finally {
				clients.forEach(WebSocketCloseClient::close);
			}
		}
	}

	@Test
	void withZdtDisabledTheFeedStillServes() throws Exception {
		// The rollout lab's control runs start the sample apps so.
		try (SampleApp app = SampleApp.start(SampleServer.NETTY, "feed-zdt-disabled", "--zdt.enabled=false",
				"--sample.feed.period=" + TICK.toMillis() + "ms")) {
			app.awaitReady();
			try (EventStream stream = EventStream.open(scores(app), null)) {
				long first = Long.parseLong(stream.nextEvent(WAIT).id());
				assertThat(Long.parseLong(stream.nextEvent(WAIT).id())).isEqualTo(first + 1);
			}
		}
	}

	private static SampleApp start(String name) {
		// A fixed hold: no traffic but the feed, which is no evidence either way.
		return SampleApp.start(SampleServer.NETTY, name, "--zdt.drain.strategy=fixed",
				"--zdt.drain.delay=" + MAX_HOLD.toSeconds() + "s", "--zdt.drain.min-hold=0s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s",
				"--spring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_PHASE_TIMEOUT.toSeconds() + "s",
				"--sample.feed.period=" + TICK.toMillis() + "ms");
	}

	private static URI scores(SampleApp app) {
		return URI.create("http://127.0.0.1:" + app.appPort() + "/api/scores");
	}

	private static URI webSocket(SampleApp app) {
		return URI.create("ws://127.0.0.1:" + app.appPort() + "/ws/scores");
	}

	private static List<Received> readToTheEnd(EventStream stream) throws InterruptedException {
		List<Received> all = new ArrayList<>();
		Duration timeout = MAX_HOLD.plus(SHUTDOWN_PHASE_TIMEOUT).plus(WAIT);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Received next = stream.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (next == null) {
				break;
			}
			all.add(next);
			if (next.kind() == Kind.END || next.kind() == Kind.FAILURE) {
				return all;
			}
		}
		throw new AssertionError("The stream did not end within " + timeout + ": " + all.size() + " received");
	}

}
