package dev.zdt.boot.metrics;

import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the long-lived responses: the server-sent event streams and WebSockets open
 * now, and how many of them the drain has ended, tagged by {@code kind} ({@code sse},
 * {@code websocket}).
 *
 * @since 0.1.0
 */
public final class LongLivedConnectionMetrics implements MeterBinder {

	private final LongLivedConnections connections;

	/**
	 * Creates the meters of the given connections.
	 * @param connections the long-lived responses the drain ends
	 */
	public LongLivedConnectionMetrics(LongLivedConnections connections) {
		this.connections = connections;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Kind kind : Kind.values()) {
			Gauge.builder("zdt.connections.long.lived", this.connections, (connections) -> connections.open(kind))
				.description("Server-sent event streams and WebSockets open")
				.tag("kind", kind.tag())
				.baseUnit("connections")
				.register(registry);
			FunctionCounter
				.builder("zdt.connections.long.lived.ended", this.connections, (connections) -> connections.ended(kind))
				.description("Server-sent event streams and WebSockets the drain ended as its hold ended")
				.tag("kind", kind.tag())
				.baseUnit("connections")
				.register(registry);
		}
	}

}
