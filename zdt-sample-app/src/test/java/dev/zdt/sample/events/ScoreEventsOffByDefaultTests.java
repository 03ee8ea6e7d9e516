package dev.zdt.sample.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.sample.SampleAppRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app on its defaults, as the README runs it, with no Kafka broker anywhere:
 * it starts, and its Kafka client never connects. The bootstrap servers point at a socket
 * that counts the connections made to it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScoreEventsOffByDefaultTests {

	@Test
	void theAppStartsWithoutABrokerAndNeverConnectsToOne(@TempDir Path exports, CapturedOutput output)
			throws IOException {
		try (CountingSocket notABroker = new CountingSocket();
				ConfigurableApplicationContext app = SampleAppRunner.run(
						"--spring.kafka.bootstrap-servers=127.0.0.1:" + notABroker.port(),
						"--sample.exports.dir=" + exports)) {
			// The scheduled cleanup has run, so the app has been up a while.
			await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("cleanup run 1 finished"));
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(notABroker.connections()).as("connections to the broker").isZero());
			assertThat(app.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer(ScoreEventsListener.ID)
				.isRunning()).as("the score events listener running").isFalse();
			List<String> kafkaThreads = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.map(Thread::getName)
				.filter((name) -> name.startsWith("kafka-") || name.startsWith(ScoreEventsListener.ID))
				.toList();
			assertThat(kafkaThreads).as("Kafka client threads").isEmpty();
		}
	}

	/** A server socket that accepts connections, counts them and closes them. */
	private static final class CountingSocket implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0);

		private final AtomicInteger connections = new AtomicInteger();

		CountingSocket() throws IOException {
			Thread acceptor = new Thread(this::accept, "not-a-broker");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.connections.incrementAndGet();
					connection.close();
				}
				catch (IOException ex) {
					// Closed: the test is over.
				}
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
