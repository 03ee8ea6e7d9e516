package dev.zdt.boot.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.time.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.WebServer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * Ends the web server's connections the way each protocol allows while draining. During
 * the hold an HTTP/2 request makes the server send GOAWAY on its HTTP/2 connections (at
 * most once per {@link #GOAWAY_INTERVAL}, so the request path stays cheap); HTTP/1.x
 * responses carry {@code Connection: close} instead (see {@link DrainFilter}). When the
 * hold ends, before the web server's graceful shutdown, idle HTTP/1.x keep-alive
 * connections are closed and every HTTP/2 connection gets GOAWAY, so no client reuses a
 * connection that shutdown is about to end. Knows Tomcat's and Jetty's servers; on other
 * servers it does nothing.
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

	private volatile ServerConnections connections = ServerConnections.NONE;

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
		return new ConnectionDrainer(context, connections, ticker);
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
		this.context = context;
		this.connectionsOfServer = connectionsOfServer;
		this.ticker = ticker;
		this.nextGoAway = new AtomicLong(ticker.nanos());
	}

	/**
	 * Returns the listener that tells this drainer which web server the context started.
	 * @return the listener, to register as a bean
	 */
	public ApplicationListener<?> webServerStartedListener() {
		return BootWebServers.startedListener(this.context, this::use);
	}

	void use(WebServer webServer) {
		this.connections = this.connectionsOfServer.apply(webServer);
	}

	/**
	 * Called for a request that came over HTTP/2 while draining.
	 */
	void http2RequestWhileDraining() {
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
	public void holdEnded(DrainResult result) {
		ServerConnections connections = this.connections;
		if (connections == ServerConnections.NONE) {
			return;
		}
		int closed = connections.closeIdleHttp1();
		int asked = connections.goAwayHttp2();
		logger.info("zdt: closed " + closed + " idle keep-alive connection(s) and sent GOAWAY on " + asked
				+ " HTTP/2 connection(s) as the hold ended");
	}

}
