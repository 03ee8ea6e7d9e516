package dev.zdt.boot.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import dev.zdt.boot.internal.BootWebServers;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Processor;
import org.apache.coyote.UpgradeToken;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * The connections of Tomcat's connectors. Tomcat lists them on its endpoint, which its
 * protocol handler keeps to itself ({@code AbstractProtocol.getEndpoint()} is protected):
 * zdt reads it reflectively, and where that fails leaves the connections to Tomcat, as
 * before. In a native image the method needs the hint that {@link WebServerRuntimeHints}
 * registers.
 * <p>
 * A GOAWAY is sent the way Tomcat's own graceful shutdown sends it, by pausing the
 * connection's HTTP/2 processor: a GOAWAY announcing the highest stream id, then, one
 * round trip later, the final one with the last stream processed. An HTTP/1.x connection
 * is idle when no processor is attached to it (none waits for async work or a partial
 * request) and no thread processes it (Tomcat holds the connection's lock while it does).
 */
final class TomcatConnections implements ServerConnections {

	static final String GET_ENDPOINT = "getEndpoint";

	private static final Log logger = LogFactory.getLog(TomcatConnections.class);

	private final List<AbstractEndpoint<?, ?>> endpoints;

	private TomcatConnections(List<AbstractEndpoint<?, ?>> endpoints) {
		this.endpoints = endpoints;
	}

	static ServerConnections of(Object webServer) {
		Tomcat tomcat = BootWebServers.tomcat(webServer);
		if (tomcat == null) {
			return NONE;
		}
		List<AbstractEndpoint<?, ?>> endpoints = new ArrayList<>();
		for (Connector connector : tomcat.getService().findConnectors()) {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				AbstractEndpoint<?, ?> endpoint = endpoint(protocol);
				if (endpoint == null) {
					return NONE;
				}
				endpoints.add(endpoint);
			}
		}
		return new TomcatConnections(List.copyOf(endpoints));
	}

	private static @Nullable AbstractEndpoint<?, ?> endpoint(AbstractProtocol<?> protocol) {
		try {
			Method getEndpoint = AbstractProtocol.class.getDeclaredMethod(GET_ENDPOINT);
			ReflectionUtils.makeAccessible(getEndpoint);
			return (AbstractEndpoint<?, ?>) getEndpoint.invoke(protocol);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("zdt: cannot reach Tomcat's connections (" + ex + "); HTTP/2 connections get no GOAWAY and "
					+ "idle keep-alive connections stay open until Tomcat stops");
			return null;
		}
	}

	@Override
	public int goAwayHttp2() {
		int asked = 0;
		for (AbstractEndpoint<?, ?> endpoint : this.endpoints) {
			for (SocketWrapperBase<?> connection : endpoint.getConnections()) {
				if (connection.getCurrentProcessor() instanceof Processor processor && isHttp2(processor)) {
					// Once per connection: Tomcat ignores a second pause.
					processor.pause();
					asked++;
				}
			}
		}
		return asked;
	}

	private static boolean isHttp2(Processor processor) {
		if (!processor.isUpgrade()) {
			return false;
		}
		// "h2" after ALPN, "h2c" with prior knowledge or after "Upgrade: h2c".
		UpgradeToken token = processor.getUpgradeToken();
		return token != null && ("h2".equals(token.getProtocol()) || "h2c".equals(token.getProtocol()));
	}

	@Override
	public Set<Object> openHttp1() {
		Set<Object> open = ServerConnections.newConnectionSet();
		for (AbstractEndpoint<?, ?> endpoint : this.endpoints) {
			for (SocketWrapperBase<?> connection : endpoint.getConnections()) {
				if (!(connection.getCurrentProcessor() instanceof Processor processor && isHttp2(processor))) {
					open.add(connection);
				}
			}
		}
		return open;
	}

	@Override
	public int closeIdleHttp1(Set<Object> candidates) {
		int closed = 0;
		for (AbstractEndpoint<?, ?> endpoint : this.endpoints) {
			for (SocketWrapperBase<?> connection : endpoint.getConnections()) {
				if (candidates.contains(connection) && closeIfIdle(connection)) {
					closed++;
				}
			}
		}
		return closed;
	}

	private static boolean closeIfIdle(SocketWrapperBase<?> connection) {
		if (connection.getCurrentProcessor() != null) {
			return false;
		}
		Lock lock = connection.getLock();
		if (!lock.tryLock()) {
			return false;
		}
		try {
			if (connection.isClosed() || connection.getCurrentProcessor() != null) {
				return false;
			}
			connection.close();
			return true;
		}
		finally {
			lock.unlock();
		}
	}

}
