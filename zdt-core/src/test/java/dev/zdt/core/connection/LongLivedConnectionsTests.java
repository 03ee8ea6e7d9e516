package dev.zdt.core.connection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LongLivedConnectionsTests {

	private final LongLivedConnections connections = new LongLivedConnections();

	private final DrainCoordinator coordinator = DrainCoordinator.builder()
		.strategy(new FixedDelayStrategy(Duration.ZERO))
		.bounds(new HoldBounds(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(10)))
		.listener(this.connections)
		.cancelAfter(Duration.ZERO)
		.build();

	@Test
	void responsesStillOpenWhenTheHoldEndsAreEndedOnceAndCounted() throws Exception {
		AtomicInteger streamEnds = new AtomicInteger();
		AtomicInteger socketEnds = new AtomicInteger();
		AtomicInteger closedEnds = new AtomicInteger();
		this.connections.register(Kind.SERVER_SENT_EVENTS, streamEnds::incrementAndGet);
		this.connections.register(Kind.WEBSOCKET, socketEnds::incrementAndGet);
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
		this.connections.register(Kind.WEBSOCKET, ends::incrementAndGet);
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

	private void drain() throws Exception {
		this.coordinator.startDrain(DrainTrigger.ENDPOINT).get(10, TimeUnit.SECONDS);
	}

}
