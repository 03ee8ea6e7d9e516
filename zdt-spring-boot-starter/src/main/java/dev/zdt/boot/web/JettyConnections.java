package dev.zdt.boot.web;

import java.util.Set;

import dev.zdt.boot.internal.BootWebServers;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;

import org.springframework.util.ClassUtils;

/**
 * The connections of Jetty's connectors. A GOAWAY is sent by Jetty's graceful session
 * shutdown (a GOAWAY announcing the highest stream id, then the final one when the
 * streams in flight are done). An HTTP/1.x connection is idle when its channel has no
 * request and nothing of the next one has been read.
 */
final class JettyConnections implements ServerConnections {

	static final String HTTP2_CONNECTION = "org.eclipse.jetty.http2.HTTP2Connection";

	private final Server server;

	private final boolean http2Present;

	private JettyConnections(Server server, boolean http2Present) {
		this.server = server;
		this.http2Present = http2Present;
	}

	static ServerConnections of(Object webServer) {
		Server server = BootWebServers.jetty(webServer);
		if (server == null) {
			return NONE;
		}
		return new JettyConnections(server, ClassUtils.isPresent(HTTP2_CONNECTION, server.getClass().getClassLoader()));
	}

	@Override
	public int goAwayHttp2() {
		if (!this.http2Present) {
			return 0;
		}
		int asked = 0;
		for (Connector connector : this.server.getConnectors()) {
			for (EndPoint endPoint : connector.getConnectedEndPoints()) {
				if (Http2.goAway(endPoint.getConnection())) {
					asked++;
				}
			}
		}
		return asked;
	}

	@Override
	public Set<Object> openHttp1() {
		Set<Object> open = ServerConnections.newConnectionSet();
		for (Connector connector : this.server.getConnectors()) {
			for (EndPoint endPoint : connector.getConnectedEndPoints()) {
				if (endPoint.getConnection() instanceof HttpConnection) {
					open.add(endPoint);
				}
			}
		}
		return open;
	}

	@Override
	public int closeIdleHttp1(Set<Object> candidates) {
		int closed = 0;
		for (Connector connector : this.server.getConnectors()) {
			for (EndPoint endPoint : connector.getConnectedEndPoints()) {
				if (candidates.contains(endPoint) && endPoint.getConnection() instanceof HttpConnection http
						&& isIdle(http)) {
					endPoint.close();
					closed++;
				}
			}
		}
		return closed;
	}

	private static boolean isIdle(HttpConnection connection) {
		return connection.getHttpChannel().getRequest() == null && connection.isRequestBufferEmpty();
	}

	/**
	 * Kept apart so that Jetty without its HTTP/2 module never loads HTTP/2 classes.
	 */
	private static final class Http2 {

		static boolean goAway(Connection connection) {
			if (connection instanceof HTTP2Connection http2) {
				// Sends the graceful GOAWAY only the first time.
				http2.getSession().shutdown();
				return true;
			}
			return false;
		}

	}

}
