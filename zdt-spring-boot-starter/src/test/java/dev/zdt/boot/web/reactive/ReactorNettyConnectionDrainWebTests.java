package dev.zdt.boot.web.reactive;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2FrameCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static dev.zdt.boot.testapp.DrainAwait.awaitInFlight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections of a real Reactor Netty server through a drain: GOAWAY on HTTP/2 (h2c),
 * idle HTTP/1.1 keep-alive connections closed when the hold ends.
 */
class ReactorNettyConnectionDrainWebTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@ParameterizedTest(name = "{0}")
	@EnumSource(H2c.class)
	void h2cRequestsDuringTheDrainSucceedAndTheConnectionIsAskedToGoAway(H2c h2c) throws Exception {
		try (RunningApp app = start("server.http2.enabled=true", "zdt.drain.delay=3s", "zdt.drain.max-hold=4s");
				H2cClient client = new H2cClient(app.port(), h2c)) {
			H2cResponse before = client.get("/hello");
			assertThat(before.version()).isEqualTo("HTTP/2.0");
			Http2FrameCodec beforeCodec = before.codec();
			assertThat(beforeCodec.connection().goAwayReceived()).isFalse();
			app.coordinator().startDrain(DrainTrigger.API);
			List<H2cResponse> during = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				during.add(client.get("/hello"));
				Thread.sleep(20);
			}
			assertThat(app.coordinator().isDraining()).as("still in the hold").isTrue();
			assertThat(during).allSatisfy((response) -> {
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.body()).isEqualTo("hello");
			});
			assertThat(beforeCodec.connection().goAwayReceived())
				.as("GOAWAY on the connection open when the drain started")
				.isTrue();
			assertThat(during).as("the client moved to a new connection")
				.anySatisfy((response) -> assertThat(response.localPort()).isNotEqualTo(before.localPort()));
		}
	}

	@Test
	void anH2cConnectionIdleThroughTheHoldIsAskedToGoAwayWhenTheHoldEnds() throws Exception {
		try (RunningApp app = start("server.http2.enabled=true", "zdt.drain.delay=300ms", "zdt.drain.max-hold=1s");
				H2cClient client = new H2cClient(app.port(), H2c.PRIOR_KNOWLEDGE)) {
			Http2FrameCodec codec = client.get("/hello").codec();
			app.coordinator().drain(DrainTrigger.API);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(codec.connection().goAwayReceived()).as("GOAWAY once the hold has ended")
							.isTrue());
		}
	}

	@Test
	void anIdleKeepAliveConnectionIsClosedWhenTheHoldEndsAndOneWithARequestInFlightIsNot() throws Exception {
		try (RunningApp app = start("zdt.drain.delay=300ms", "zdt.drain.max-hold=1s");
				HttpConnection idle = HttpConnection.open(app.port(), TIMEOUT);
				HttpConnection busy = HttpConnection.open(app.port(), TIMEOUT)) {
			HttpResult before = idle.get("/hello");
			assertThat(before.status()).isEqualTo(200);
			assertThat(before.connectionClose()).isFalse();
			// Reactor Netty counts a request done once its response has left, which can
			// be after the client has read it.
			awaitInFlight(app.coordinator(), 0);
			busy.sendGet("/slow?ms=2000");
			awaitInFlight(app.coordinator(), 1);
			app.coordinator().drain(DrainTrigger.API);
			assertThat(app.coordinator().traffic().inFlight())
				.as("the slow request is still in flight after the hold: its connection was not cut")
				.isEqualTo(1);
			assertThat(idle.closedByServer(Duration.ofSeconds(2)))
				.as("end of stream (FIN) once the hold has ended: the idle keep-alive connection is not left open")
				.isTrue();
			HttpResult response = busy.readResponse();
			assertThat(response.status()).as("the request in flight at the hold's end is served").isEqualTo(200);
			assertThat(response.connectionClose()).isTrue();
			assertThat(response.body()).isEqualTo("slow");
		}
	}

	@Test
	void aConnectionOpenedDuringTheHoldIsLeftOpenWhenTheHoldEndsAndItsRequestIsServed() throws Exception {
		try (RunningApp app = start("zdt.drain.delay=1s", "zdt.drain.max-hold=1s")) {
			CompletableFuture<DrainResult> hold = app.coordinator().startDrain(DrainTrigger.API);
			try (HttpConnection late = HttpConnection.open(app.port(), TIMEOUT)) {
				hold.get(10, TimeUnit.SECONDS);
				HttpResult response = late.get("/hello");
				assertThat(response.status()).as("a request on a connection opened during the hold").isEqualTo(200);
				assertThat(response.connectionClose()).isTrue();
				assertThat(response.body()).isEqualTo("hello");
			}
		}
	}

	@Test
	void aConnectionOpenedDuringTheHoldWithPartOfARequestReadIsLeftOpenAndTheRequestIsServed() throws Exception {
		try (RunningApp app = start("zdt.drain.delay=1s", "zdt.drain.max-hold=1s")) {
			CompletableFuture<DrainResult> hold = app.coordinator().startDrain(DrainTrigger.API);
			try (HttpConnection late = HttpConnection.open(app.port(), TIMEOUT)) {
				late.write("GET /hello HTTP/1.1\r\n");
				hold.get(10, TimeUnit.SECONDS);
				late.write("Host: 127.0.0.1\r\n\r\n");
				HttpResult response = late.readResponse();
				assertThat(response.status()).as("a request whose first line came before the hold ended")
					.isEqualTo(200);
				assertThat(response.connectionClose()).isTrue();
				assertThat(response.body()).isEqualTo("hello");
			}
		}
	}

	private static RunningApp start(String... properties) {
		List<String> all = new ArrayList<>(List.of("zdt.drain.strategy=fixed", "zdt.drain.min-hold=0s",
				"zdt.drain.delay=1s", "zdt.drain.max-hold=1s"));
		all.addAll(List.of(properties));
		return RunningApp.startReactive(false, all.toArray(String[]::new));
	}

	/**
	 * How the client starts HTTP/2 without TLS.
	 */
	enum H2c {

		/** The connection preface first, as an ALB target group with HTTP2 does. */
		PRIOR_KNOWLEDGE(HttpProtocol.H2C),

		/** An HTTP/1.1 request with {@code Upgrade: h2c} first. */
		UPGRADE(HttpProtocol.HTTP11, HttpProtocol.H2C);

		private final HttpProtocol[] protocols;

		H2c(HttpProtocol... protocols) {
			this.protocols = protocols;
		}

	}

	/**
	 * Reactor Netty's HTTP/2 client, one connection at a time: it opens a new connection
	 * once the server has sent GOAWAY on the current one.
	 */
	private static final class H2cClient implements AutoCloseable {

		private final ConnectionProvider connections = ConnectionProvider.create("zdt-h2c-test", 1);

		private final HttpClient client;

		H2cClient(int port, H2c h2c) {
			this.client = HttpClient.create(this.connections)
				.protocol(h2c.protocols)
				.baseUrl("http://127.0.0.1:" + port)
				.responseTimeout(Duration.ofSeconds(10));
		}

		H2cResponse get(String path) throws Exception {
			CompletableFuture<H2cResponse> response = this.client.get()
				.uri(path)
				.responseConnection((head, connection) -> {
					Channel channel = connection.channel();
					Channel parent = (channel.parent() != null) ? channel.parent() : channel;
					Http2FrameCodec codec = parent.pipeline().get(Http2FrameCodec.class);
					int localPort = ((InetSocketAddress) parent.localAddress()).getPort();
					return connection.inbound()
						.receive()
						.aggregate()
						.asString()
						.defaultIfEmpty("")
						.map((body) -> new H2cResponse(head.status().code(), head.version().text(), localPort, codec,
								body));
				})
				.next()
				.toFuture();
			return response.get(10, TimeUnit.SECONDS);
		}

		@Override
		public void close() {
			this.connections.disposeLater().block(Duration.ofSeconds(10));
		}

	}

	private record H2cResponse(int status, String version, int localPort, Http2FrameCodec codec, String body) {
	}

}
