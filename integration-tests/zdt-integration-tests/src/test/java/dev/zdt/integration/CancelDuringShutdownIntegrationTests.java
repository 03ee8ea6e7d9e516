package dev.zdt.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.testsupport.http.HttpConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/zdt/cancel} as fast as several clients can send it, from the
 * start of a SIGTERM drain until the JVM has exited: once shutdown has begun nothing
 * undoes the drain, not even in the moment between the end of the hold and the next step
 * of shutdown. Every answer is 409 (or none, once the management server has stopped),
 * there is one hold, and the JVM exits after it.
 */
class CancelDuringShutdownIntegrationTests {

	private static final Duration MAX_HOLD = Duration.ofSeconds(2);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	private static final int CLIENTS = 4;

	private static final int NO_ANSWER = -1;

	@Test
	void cancelAfterSigtermIsRefusedUntilTheJvmHasExited() throws Exception {
		try (SampleApp app = SampleApp.start(SampleServer.TOMCAT, "cancel-during-shutdown", "--zdt.drain.min-hold=0s",
				"--zdt.drain.max-hold=" + MAX_HOLD.toSeconds() + "s")) {
			app.awaitReady();
			long sigterm = System.nanoTime();
			app.process().sigterm();
			DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
			List<CompletableFuture<List<Integer>>> clients = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(Background.call("cancel-" + i, () -> cancelUntilExit(app)));
			}
			int exitCode = app.process().awaitExit(EXIT_TIMEOUT);
			Duration exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
			Map<Integer, Integer> answers = new TreeMap<>();
			for (CompletableFuture<List<Integer>> client : clients) {
				client.get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
					.forEach((status) -> answers.merge(status, 1, Integer::sum));
			}
			System.out.printf("cancel during shutdown: answers (status=count) %s, exit %d after %d ms%n", answers,
					exitCode, exitAfter.toMillis());

			assertThat(answers).as("cancel answers from the start of the drain to exit")
				.containsKey(409)
				.doesNotContainKey(200);
			assertThat(exitCode).isEqualTo(143);
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
			assertThat(exitAfter).as("one hold, then exit").isLessThan(MAX_HOLD.plusSeconds(5));
		}
	}

	/**
	 * Sends cancel after cancel on one keep-alive connection (a new one when the server
	 * closes it) until the JVM has exited.
	 */
	private static List<Integer> cancelUntilExit(SampleApp app) throws IOException {
		byte[] cancel = ("POST /actuator/zdt/cancel HTTP/1.1\r\nHost: 127.0.0.1:" + app.managementPort()
				+ "\r\nContent-Length: 0\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		List<Integer> answers = new ArrayList<>();
		long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
		HttpConnection connection = null;
		while (app.process().isAlive() && System.nanoTime() < deadline) {
			try {
				if (connection == null) {
					connection = HttpConnection.open(app.managementPort(), Duration.ofSeconds(5));
				}
				HttpConnection.Exchange exchange = connection.send(cancel);
				answers.add(exchange.status());
				if (exchange.close()) {
					connection.close();
					connection = null;
				}
			}
			catch (IOException ex) {
				answers.add(NO_ANSWER);
				if (connection != null) {
					connection.close();
					connection = null;
				}
				Poll.until(Duration.ofMillis(5), () -> !app.process().isAlive());
			}
		}
		if (connection != null) {
			connection.close();
		}
		return answers;
	}

}
