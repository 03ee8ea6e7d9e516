package dev.zdt.boot.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.time.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Ends the web server's connections the way each protocol allows while draining. During
 * the hold an HTTP/2 request makes the server send GOAWAY on its HTTP/2 connections (at
 * most once per {@link #GOAWAY_INTERVAL}, so the request path stays cheap); HTTP/1.x
 * responses carry {@code Connection: close} instead (see {@link DrainFilter}). When the
 * hold ends, before the web server's graceful shutdown, idle HTTP/1.x keep-alive
 * connections are closed and every HTTP/2 connection gets GOAWAY, so no client reuses a
 * connection that shutdown is about to end. Knows Tomcat's, Jetty's and Reactor Netty's
 * servers; on other servers it does nothing.
 * <p>
 * Only connections that were already open when the drain started are closed as idle. A
 * connection opened during the hold was opened to send a request, which may still be on
 * its way or unread in the socket when the hold ends: closing it would lose that request.
 * Left open, its request is served, and its first response carries
 * {@code Connection: close}, which ends it.
 *
 * @since 0.1.0
 */
public final class ConnectionDrainer implements DrainListener {

	static final Duration GOAWAY_INTERVAL = Duration.ofMillis(100);

	private static final Log logger = LogFactory.getLog(ConnectionDrainer.class);

	private final ApplicationContext context;

	private final Function<Object, ServerConnections> connectionsOfServer;

	private final Ticker ticker;

	private final AtomicLong nextGoAway;

	private final @Nullable NettyConnections reactorNetty;

	private volatile ServerConnections connections = ServerConnections.NONE;

	private volatile Set<Object> openWhenDrainStarted = Set.of();

	/**
	 * Creates a drainer for the web servers of the given context.
	 * @param context the context whose web server is drained
	 * @param endConnections whether to end connections at all
	 * ({@code zdt.drain.connection-close})
	 * @param ticker the clock that spaces GOAWAY frames
	 * @return the drainer
	 */
	public static ConnectionDrainer forWebServers(ApplicationContext context, boolean endConnections, Ticker ticker) {
		Function<Object, ServerConnections> connections = endConnections ? ConnectionDrainer::connectionsOf
				: (webServer) -> ServerConnections.NONE;
		return new ConnectionDrainer(context, connections, ticker, null);
	}

	/**
	 * Creates a drainer for the web servers of the given reactive context, which sees
	 * Reactor Netty's connections through its {@link #reactorNettyCustomizer()}. Call
	 * only where Boot's Reactor Netty web server is present.
	 * @param context the context whose web server is drained
	 * @param endConnections whether to end connections at all
	 * ({@code zdt.drain.connection-close})
	 * @param ticker the clock that spaces GOAWAY frames
	 * @return the drainer
	 */
	public static ConnectionDrainer forReactiveWebServers(ApplicationContext context, boolean endConnections,
			Ticker ticker) {
		NettyConnections reactorNetty = new NettyConnections();
		Function<Object, ServerConnections> connections = endConnections
				? (webServer) -> BootWebServers.reactorNetty(webServer) ? reactorNetty : connectionsOf(webServer)
				: (webServer) -> ServerConnections.NONE;
		return new ConnectionDrainer(context, connections, ticker, reactorNetty);
	}

	private static ServerConnections connectionsOf(Object webServer) {
		ClassLoader classLoader = webServer.getClass().getClassLoader();
		if (ClassUtils.isPresent(BootWebServers.TOMCAT, classLoader)) {
			ServerConnections tomcat = TomcatConnections.of(webServer);
			if (tomcat != ServerConnections.NONE) {
				return tomcat;
			}
		}
		if (ClassUtils.isPresent(BootWebServers.JETTY, classLoader)) {
			return JettyConnections.of(webServer);
		}
		return ServerConnections.NONE;
	}

	ConnectionDrainer(ApplicationContext context, Function<Object, ServerConnections> connectionsOfServer,
			Ticker ticker) {
		this(context, connectionsOfServer, ticker, null);
	}

	private ConnectionDrainer(ApplicationContext context, Function<Object, ServerConnections> connectionsOfServer,
			Ticker ticker, @Nullable NettyConnections reactorNetty) {
		this.context = context;
		this.connectionsOfServer = connectionsOfServer;
		this.ticker = ticker;
		this.nextGoAway = new AtomicLong(ticker.nanos());
		this.reactorNetty = reactorNetty;
	}

	/**
	 * Returns the listener that tells this drainer which web server the context started.
	 * @return the listener, to register as a bean
	 */
	public ApplicationListener<?> webServerStartedListener() {
		return BootWebServers.startedListener(this.context, this::use);
	}

	/**
	 * Returns the customizer that lets this drainer see the connections of the context's
	 * Reactor Netty server, to register as a bean.
	 * @return the customizer of Boot's Reactor Netty web server factory
	 * @throws IllegalStateException unless the drainer was created by
	 * {@link #forReactiveWebServers}
	 */
	public WebServerFactoryCustomizer<?> reactorNettyCustomizer() {
		NettyConnections reactorNetty = this.reactorNetty;
		Assert.state(reactorNetty != null, "Not a drainer for reactive web servers");
		return BootWebServers.reactorNettyCustomizer(reactorNetty::track);
	}

	void use(WebServer webServer) {
		this.connections = this.connectionsOfServer.apply(webServer);
	}

	/**
	 * Called for a request that came over HTTP/2 while draining; cheap enough for every
	 * such request.
	 */
	public void http2RequestWhileDraining() {
		long now = this.ticker.nanos();
		long next = this.nextGoAway.get();
		if (now - next >= 0 && this.nextGoAway.compareAndSet(next, now + GOAWAY_INTERVAL.toNanos())) {
			int asked = this.connections.goAwayHttp2();
			if (logger.isDebugEnabled()) {
				logger.debug("zdt: GOAWAY on " + asked + " HTTP/2 connection(s)");
			}
		}
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		this.openWhenDrainStarted = this.connections.openHttp1();
	}

	@Override
	public void holdEnded(DrainResult result) {
		ServerConnections connections = this.connections;
		Set<Object> candidates = this.openWhenDrainStarted;
		this.openWhenDrainStarted = Set.of();
		if (connections == ServerConnections.NONE) {
			return;
		}
		int closed = connections.closeIdleHttp1(candidates);
		int asked = connections.goAwayHttp2();
		logger.info("zdt: closed " + closed + " idle keep-alive connection(s) and sent GOAWAY on " + asked
				+ " HTTP/2 connection(s) as the hold ended");
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		this.openWhenDrainStarted = Set.of();
	}

}
