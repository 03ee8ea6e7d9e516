package dev.zdt.testsupport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zdt.testsupport.net.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link HttpConnection}, against the JDK's own HTTP server.
 */
class HttpConnectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/fixed", (exchange) -> respond(exchange, 200, "ok", false, false));
		this.server.createContext("/chunked", (exchange) -> respond(exchange, 200, "a chunked body", true, false));
		this.server.createContext("/closing", (exchange) -> respond(exchange, 200, "bye", false, true));
		this.server.createContext("/missing",
				(exchange) -> respond(exchange, 503, "{\"status\":\"OUT\"}", false, false));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void getShouldReadStatusHeadersAndFixedLengthBody() throws IOException {
		HttpResult result = HttpConnection.get(port(), "/fixed", TIMEOUT);
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.body()).isEqualTo("ok");
		assertThat(result.header("Content-Length")).isEqualTo("2");
		assertThat(result.header("X-Test")).isEqualTo("yes");
		assertThat(result.connectionClose()).isFalse();
	}

	@Test
	void getShouldReadChunkedBody() throws IOException {
		HttpResult result = HttpConnection.get(port(), "/chunked", TIMEOUT);
		assertThat(result.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(result.body()).isEqualTo("a chunked body");
	}

	@Test
	void getShouldReturnErrorStatusesAsResults() throws IOException {
		HttpResult result = HttpConnection.get(port(), "/missing", TIMEOUT);
		assertThat(result.status()).isEqualTo(503);
		assertThat(result.body()).contains("OUT");
	}

	@Test
	void connectionShouldStayOpenForKeepAliveResponses() throws IOException {
		try (HttpConnection connection = HttpConnection.open(port(), TIMEOUT)) {
			assertThat(connection.get("/fixed").body()).isEqualTo("ok");
			assertThat(connection.closedByServer(Duration.ofMillis(200))).isFalse();
			assertThat(connection.get("/chunked").body()).isEqualTo("a chunked body");
		}
	}

	@Test
	void connectionCloseHeaderShouldBeVisibleAndTheServerShouldClose() throws IOException {
		try (HttpConnection connection = HttpConnection.open(port(), TIMEOUT)) {
			HttpResult result = connection.get("/closing");
			assertThat(result.connectionClose()).isTrue();
			assertThat(result.body()).isEqualTo("bye");
			assertThat(connection.closedByServer(TIMEOUT)).isTrue();
		}
	}

	@Test
	void aRequestWrittenInPartsShouldBeAnsweredOnceComplete() throws IOException {
		try (HttpConnection connection = HttpConnection.open(port(), TIMEOUT)) {
			connection.write("GET /fixed HTTP/1.1\r\n");
			connection.write("Host: 127.0.0.1\r\n\r\n");
			assertThat(connection.readResponse().body()).isEqualTo("ok");
		}
	}

	@Test
	void getShouldFailWhenNothingListens() {
		int port = FreePorts.find(1).get(0);
		assertThatIOException().isThrownBy(() -> HttpConnection.get(port, "/", TIMEOUT));
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

	private static void respond(HttpExchange exchange, int status, String body, boolean chunked, boolean close)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("X-Test", "yes");
		if (close) {
			exchange.getResponseHeaders().add("Connection", "close");
		}
		exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
