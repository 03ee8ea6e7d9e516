package dev.zdt.boot.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;

import static dev.zdt.boot.testapp.DrainAwait.awaitInFlight;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections at the edges of a drain, on a real Tomcat.
 */
class ConnectionDrainWebTests {

	@Test
	void aKeepAliveConnectionIdleThroughTheHoldIsClosedWhenTheHoldEnds() throws Exception {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=300ms",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s");
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
			socket.setSoTimeout(5000);
			String response = get(socket, "/hello");
			assertThat(response).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
			app.coordinator().drain(DrainTrigger.API);
			socket.setSoTimeout(2000);
			try {
				assertThat(socket.getInputStream().read()).as("end of stream (FIN) once the hold has ended")
					.isEqualTo(-1);
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("The idle keep-alive connection is still open after the hold", ex);
			}
		}
	}

	@Test
	void aResponseCompletedAfterTheDrainStartedCarriesConnectionClose() throws Exception {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s")) {
			CompletableFuture<HttpResponse<String>> slow = CompletableFuture
				.supplyAsync(() -> app.get("/slow?ms=1000"));
			awaitInFlight(app.coordinator(), 1);
			app.coordinator().startDrain(DrainTrigger.API);
			HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Connection")).hasValue("close");
		}
	}

	@Test
	void aConnectionOpenedDuringTheHoldIsLeftOpenWhenTheHoldEndsAndItsRequestIsServed() throws Exception {
		try (RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s")) {
			CompletableFuture<DrainResult> hold = app.coordinator().startDrain(DrainTrigger.API);
			try (Socket late = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
				late.setSoTimeout(5000);
				hold.get(10, TimeUnit.SECONDS);
				assertThat(get(late, "/hello")).as("a request on a connection opened during the hold")
					.startsWith("HTTP/1.1 200")
					.containsIgnoringCase("connection: close")
					.endsWith("hello");
			}
		}
	}

	private static String get(Socket socket, String path) throws IOException {
		socket.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("Closed mid-response: " + head);
			}
			head.write(next);
		}
		String headers = head.toString(StandardCharsets.ISO_8859_1);
		int length = 0;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		byte[] body = in.readNBytes(length);
		return headers + new String(body, StandardCharsets.UTF_8);
	}

}
