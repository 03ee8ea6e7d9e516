package dev.zdt.boot.web.reactive;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.websocket.WebsocketInbound;

import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * Makes Reactor Netty wait for the client's Close frame before it closes a WebSocket's
 * connection, as RFC 6455 §7.1.1 asks of a server. Reactor Netty closes the TCP
 * connection as soon as it has written its own Close frame, so a client that answers, as
 * clients do, finds the connection closed, or reset ({@code ECONNRESET}) when its answer
 * reaches a socket already closed. Installed only on the sessions the drain ends: it
 * holds back the close of the connection until the client's Close frame has been read, or
 * the given time has passed.
 * <p>
 * Every method runs on the connection's event loop, as Netty calls a handler.
 */
final class ReactorNettyClosingHandshake extends ChannelDuplexHandler {

	static final String GET_DELEGATE_NAME = "getDelegate";

	private static final String NAME = "zdt.closingHandshake";

	private static final Log logger = LogFactory.getLog(ReactorNettyClosingHandshake.class);

	/**
	 * {@code AbstractWebSocketSession.getDelegate()}, also named in zdt's runtime hints.
	 */
	static final @Nullable Method GET_DELEGATE = getDelegate();

	private static volatile boolean cannotReachWarned;

	private final long waitNanos;

	private boolean closeSent;

	private boolean closeReceived;

	private @Nullable ChannelPromise heldClose;

	private ReactorNettyClosingHandshake(Duration wait) {
		this.waitNanos = wait.toNanos();
	}

	/**
	 * Installs the handler on a session's connection, if it is one of Reactor Netty's.
	 * @param session the session that is about to be closed
	 * @param wait how long to wait at most for the client's Close frame
	 */
	static void install(WebSocketSession session, Duration wait) {
		if (session instanceof ReactorNettyWebSocketSession netty) {
			WebsocketInbound inbound = inbound(netty);
			if (inbound != null) {
				inbound.withConnection((connection) -> {
					ChannelPipeline pipeline = connection.channel().pipeline();
					// Where it sees WebSocket frames, not bytes, in both directions.
					if (pipeline.get(NAME) == null && pipeline.get(NettyPipeline.ReactiveBridge) != null) {
						pipeline.addBefore(NettyPipeline.ReactiveBridge, NAME, new ReactorNettyClosingHandshake(wait));
					}
				});
			}
		}
	}

	/**
	 * Returns Reactor Netty's side of the session, which Spring keeps to the session
	 * ({@code AbstractWebSocketSession.getDelegate()} is protected): read reflectively
	 * (with the hint {@link ReactiveRuntimeHints} registers for a native image), and
	 * where that fails the session closes as before, without waiting.
	 */
	private static @Nullable WebsocketInbound inbound(ReactorNettyWebSocketSession session) {
		try {
			Object delegate = (GET_DELEGATE != null) ? ReflectionUtils.invokeMethod(GET_DELEGATE, session) : null;
			if (delegate instanceof ReactorNettyWebSocketSession.WebSocketConnection connection) {
				return connection.getInbound();
			}
			cannotReach("AbstractWebSocketSession.getDelegate() not usable");
		}
		catch (RuntimeException ex) {
			cannotReach(ex.toString());
		}
		return null;
	}

	private static void cannotReach(String why) {
		if (!cannotReachWarned) {
			cannotReachWarned = true;
			logger.warn("zdt: cannot reach Reactor Netty's WebSocket connection (" + why
					+ "); WebSockets the drain ends close without waiting for the client's Close frame");
		}
	}

	private static @Nullable Method getDelegate() {
		try {
			Method method = ReflectionUtils.findMethod(AbstractWebSocketSession.class, GET_DELEGATE_NAME);
			if (method != null) {
				ReflectionUtils.makeAccessible(method);
			}
			return method;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
		if (message instanceof CloseWebSocketFrame) {
			this.closeSent = true;
		}
		context.write(message, promise);
	}

	@Override
	public void close(ChannelHandlerContext context, ChannelPromise promise) {
		if (this.heldClose != null) {
			// Closed again while held: done when the held close is.
			this.heldClose.addListener((future) -> promise.trySuccess());
			return;
		}
		if (!this.closeSent || this.closeReceived || !context.channel().isActive()) {
			context.close(promise);
			return;
		}
		this.heldClose = promise;
		context.executor().schedule(() -> closeNow(context), this.waitNanos, TimeUnit.NANOSECONDS);
		// Reactor Netty stops asking for input once it has sent its Close frame.
		context.read();
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		boolean answer = message instanceof CloseWebSocketFrame;
		if (answer) {
			this.closeReceived = true;
		}
		context.fireChannelRead(message);
		if (answer) {
			closeNow(context);
		}
		else if (this.heldClose != null) {
			context.read();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		closeNow(context);
		context.fireChannelInactive();
	}

	private void closeNow(ChannelHandlerContext context) {
		ChannelPromise held = this.heldClose;
		if (held != null) {
			this.heldClose = null;
			context.close(held);
		}
	}

}
