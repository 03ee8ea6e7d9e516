package dev.zdt.core.connection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LongLivedConnectionsTests {

	private final LongLivedConnections connections = new LongLivedConnections();

	private final DrainCoordinator coordinator = coordinatorOf(this.connections);

	@Test
	void responsesStillOpenWhenTheHoldEndsAreEndedOnceAndCounted() throws Exception {
		AtomicInteger streamEnds = new AtomicInteger();
		AtomicInteger socketEnds = new AtomicInteger();
		AtomicInteger closedEnds = new AtomicInteger();
		this.connections.register(Kind.SERVER_SENT_EVENTS, streamEnds::incrementAndGet);
		registerWebSocket(this.connections, socketEnds::incrementAndGet);
		this.connections.register(Kind.WEBSOCKET, closedEnds::incrementAndGet).close();
		assertThat(this.connections.open(Kind.SERVER_SENT_EVENTS)).isEqualTo(1);
		assertThat(this.connections.open(Kind.WEBSOCKET)).isEqualTo(1);
		drain();
		assertThat(streamEnds).hasValue(1);
		assertThat(socketEnds).hasValue(1);
		assertThat(closedEnds).hasValue(0);
		assertThat(this.connections.open(Kind.SERVER_SENT_EVENTS)).isZero();
		assertThat(this.connections.open(Kind.WEBSOCKET)).isZero();
		assertThat(this.connections.ended(Kind.SERVER_SENT_EVENTS)).isEqualTo(1);
		assertThat(this.connections.ended(Kind.WEBSOCKET)).isEqualTo(1);
	}

	@Test
	void aResponseThatStartsAfterTheHoldIsEndedAtOnce() throws Exception {
		drain();
		AtomicInteger ends = new AtomicInteger();
		this.connections.register(Kind.SERVER_SENT_EVENTS, ends::incrementAndGet);
		assertThat(ends).hasValue(1);
		assertThat(this.connections.open(Kind.SERVER_SENT_EVENTS)).isZero();
	}

	@Test
	void afterACancelledDrainResponsesStayOpen() throws Exception {
		drain();
		assertThat(this.coordinator.cancel()).isTrue();
		AtomicInteger ends = new AtomicInteger();
		this.connections.register(Kind.WEBSOCKET, ends::incrementAndGet);
		assertThat(ends).hasValue(0);
		assertThat(this.connections.open(Kind.WEBSOCKET)).isEqualTo(1);
	}

	@Test
	void aFailingEndIsCountedAndTheOthersAreStillEnded() throws Exception {
		AtomicInteger ends = new AtomicInteger();
		this.connections.register(Kind.WEBSOCKET, () -> {
			throw new IllegalStateException("session already closed");
		});
		registerWebSocket(this.connections, ends::incrementAndGet);
		drain();
		assertThat(ends).hasValue(1);
		assertThat(this.connections.endFailures()).isEqualTo(1);
		assertThat(this.connections.ended(Kind.WEBSOCKET)).isEqualTo(1);
		assertThat(this.connections.open(Kind.WEBSOCKET)).isZero();
	}

	@Test
	void anEndThatClosesItsOwnRegistrationRunsOnce() throws Exception {
		AtomicInteger ends = new AtomicInteger();
		Registration[] registration = new Registration[1];
		registration[0] = this.connections.register(Kind.SERVER_SENT_EVENTS, () -> {
			ends.incrementAndGet();
			registration[0].close();
		});
		drain();
		this.connections.holdEnded(null);
		assertThat(ends).hasValue(1);
	}

	@Test
	void theEndOfTheHoldWaitsUntilTheWebSocketsItEndedHaveClosed() throws Exception {
		AtomicBoolean closed = new AtomicBoolean();
		Registration[] registration = new Registration[1];
		// The end sends the close frame; the session closes when the client answers.
		registration[0] = this.connections.register(Kind.WEBSOCKET, () -> inAWhile(() -> {
			closed.set(true);
			registration[0].close();
		}));
		assertThat(this.coordinator.startDrain(DrainTrigger.ENDPOINT)
			.thenApply((result) -> closed.get())
			.get(10, TimeUnit.SECONDS)).as("closed when the hold's end was reported").isTrue();
		assertThat(this.connections.open(Kind.WEBSOCKET)).isZero();
		assertThat(this.connections.ended(Kind.WEBSOCKET)).isEqualTo(1);
	}

	@Test
	void aWebSocketThatDoesNotCloseIsWaitedForOnlyUpToTheClosingHandshakeWait() throws Exception {
		LongLivedConnections connections = new LongLivedConnections(Duration.ofMillis(300));
		connections.register(Kind.WEBSOCKET, () -> {
		});
		long start = System.nanoTime();
		coordinatorOf(connections).startDrain(DrainTrigger.ENDPOINT).get(10, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(connections.open(Kind.WEBSOCKET)).as("left to the web server's shutdown").isEqualTo(1);
		assertThat(connections.ended(Kind.WEBSOCKET)).isEqualTo(1);
	}

	@Test
	void theClosingHandshakeWaitMustNotBeNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LongLivedConnections(Duration.ofMillis(-1)))
			.withMessageContaining("closingHandshakeWait");
	}

	private void drain() throws Exception {
		this.coordinator.startDrain(DrainTrigger.ENDPOINT).get(10, TimeUnit.SECONDS);
	}

	private static DrainCoordinator coordinatorOf(LongLivedConnections connections) {
		return DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ZERO))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(10)))
			.listener(connections)
			.cancelAfter(Duration.ZERO)
			.build();
	}

	/**
	 * Registers a WebSocket whose client answers the close frame at once: its
	 * registration closes as it is ended.
	 */
	private static void registerWebSocket(LongLivedConnections connections, Runnable end) {
		Registration[] registration = new Registration[1];
		registration[0] = connections.register(Kind.WEBSOCKET, () -> {
			end.run();
			registration[0].close();
		});
	}

	private static void inAWhile(Runnable task) {
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			task.run();
		}, "client-answer");
		thread.setDaemon(true);
		thread.start();
	}

}
