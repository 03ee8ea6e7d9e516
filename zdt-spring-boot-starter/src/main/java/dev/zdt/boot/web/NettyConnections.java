package dev.zdt.boot.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;

/**
 * The connections of a Reactor Netty server, which the server adds to a channel group as
 * it accepts them (the group forgets a connection when it closes).
 * <p>
 * Reactor Netty serves HTTP/2 with Netty's {@link Http2FrameCodec} in the connection's
 * pipeline, for h2c with prior knowledge, after an h2c upgrade and for h2 after ALPN. A
 * GOAWAY is a {@link DefaultHttp2GoAwayFrame} written on the connection, which the codec
 * sends with NO_ERROR and the last stream id, the way RFC 9113 §6.8 describes a graceful
 * shutdown and Tomcat and Jetty do it: first a GOAWAY announcing 2^31-1, so the client
 * opens no new stream and every stream it has sent, even one still in transit, is served;
 * {@link #FINAL_GOAWAY_DELAY} later, far more than a round trip to a load balancer, the
 * final GOAWAY with the last stream the client opened, and the connection is closed the
 * way Netty closes an HTTP/2 connection: once its streams are done (with no time limit
 * when Boot's graceful shutdown is on, as Reactor Netty then configures the codec, else
 * within Netty's default of 30 s). The delay is scheduled on the connection's event loop.
 * <p>
 * An HTTP/1.x connection is idle when Reactor Netty has no request on it (no
 * {@link ChannelOperations} bound), decided and closed on the connection's event loop,
 * where a request would be bound. Reactor Netty's own graceful shutdown closes the same
 * connections.
 */
final class NettyConnections implements ServerConnections {

	private static final AttributeKey<Boolean> ASKED_TO_GO_AWAY = AttributeKey.valueOf(NettyConnections.class,
			"askedToGoAway");

	private static final int ALL_STREAMS_IN_TRANSIT = Integer.MAX_VALUE;

	static final Duration FINAL_GOAWAY_DELAY = Duration.ofSeconds(1);

	private static final long CLOSE_WAIT_MILLIS = 2000;

	private final ChannelGroup connections = new DefaultChannelGroup("zdt-connections", GlobalEventExecutor.INSTANCE);

	/**
	 * Makes the server add every connection it accepts to this group.
	 * @param server the server
	 * @return the server that does
	 */
	HttpServer track(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> this.connections.add(channel));
	}

	@Override
	public int goAwayHttp2() {
		int asked = 0;
		for (Channel connection : this.connections) {
			if (isHttp2(connection)) {
				asked++;
				if (connection.attr(ASKED_TO_GO_AWAY).setIfAbsent(Boolean.TRUE) == null) {
					goAway(connection);
				}
			}
		}
		return asked;
	}

	@Override
	public Set<Object> openHttp1() {
		Set<Object> open = ServerConnections.newConnectionSet();
		for (Channel connection : this.connections) {
			if (!isHttp2(connection)) {
				open.add(connection);
			}
		}
		return open;
	}

	@Override
	public int closeIdleHttp1(Set<Object> candidates) {
		List<Future<Boolean>> closing = new ArrayList<>();
		for (Channel connection : this.connections) {
			if (!candidates.contains(connection) || isHttp2(connection)) {
				continue;
			}
			if (connection.eventLoop().inEventLoop()) {
				closing.add(connection.eventLoop().newSucceededFuture(closeIfIdle(connection)));
			}
			else {
				closing.add(connection.eventLoop().submit(() -> closeIfIdle(connection)));
			}
		}
		return countClosed(closing);
	}

	private static void goAway(Channel connection) {
		connection
			.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR).setExtraStreamIds(ALL_STREAMS_IN_TRANSIT));
		connection.eventLoop()
			.schedule(() -> finalGoAway(connection), FINAL_GOAWAY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void finalGoAway(Channel connection) {
		if (connection.isActive()) {
			connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
			connection.close();
		}
	}

	private static boolean isHttp2(Channel connection) {
		return connection.pipeline().get(Http2FrameCodec.class) != null;
	}

	private static boolean closeIfIdle(Channel connection) {
		if (!connection.isActive() || isHttp2(connection) || ChannelOperations.get(connection) != null) {
			return false;
		}
		connection.close();
		return true;
	}

	private static int countClosed(List<Future<Boolean>> closing) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
		int closed = 0;
		for (Future<Boolean> decision : closing) {
			try {
				if (decision.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					closed++;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return closed;
			}
			catch (ExecutionException | TimeoutException ex) {
				// Decided later or not at all: the connection is left to the server.
			}
		}
		return closed;
	}

}
