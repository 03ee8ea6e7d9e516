package dev.zdt.boot.metrics;

import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections.Registration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LongLivedConnectionMetricsTests {

	private final LongLivedConnections connections = new LongLivedConnections();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void metersCountOpenAndEndedResponsesByKind() {
		new LongLivedConnectionMetrics(this.connections).bindTo(this.registry);
		this.connections.register(Kind.SERVER_SENT_EVENTS, () -> {
		});
		this.connections.register(Kind.SERVER_SENT_EVENTS, () -> {
		});
		// A WebSocket counts as open until its closing handshake is over: here at once.
		Registration[] webSocket = new Registration[1];
		webSocket[0] = this.connections.register(Kind.WEBSOCKET, () -> webSocket[0].close());
		assertThat(open("sse")).isEqualTo(2);
		assertThat(open("websocket")).isEqualTo(1);
		this.connections.holdEnded(null);
		assertThat(open("sse")).isZero();
		assertThat(open("websocket")).isZero();
		assertThat(ended("sse")).isEqualTo(2);
		assertThat(ended("websocket")).isEqualTo(1);
	}

	private double open(String kind) {
		return this.registry.get("zdt.connections.long.lived").tag("kind", kind).gauge().value();
	}

	private double ended(String kind) {
		return this.registry.get("zdt.connections.long.lived.ended").tag("kind", kind).functionCounter().count();
	}

}
