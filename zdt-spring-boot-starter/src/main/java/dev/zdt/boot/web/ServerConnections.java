package dev.zdt.boot.web;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The open connections of the running web server, seen the way a drain needs them: HTTP/2
 * connections are asked to go away with GOAWAY (a {@code Connection} header is not
 * allowed in HTTP/2, RFC 9113 §8.2.2), and HTTP/1.x connections idle between requests can
 * be closed.
 */
interface ServerConnections {

	/**
	 * A server whose connections zdt cannot reach: nothing happens.
	 */
	ServerConnections NONE = new ServerConnections() {

		@Override
		public int goAwayHttp2() {
			return 0;
		}

		@Override
		public Set<Object> openHttp1() {
			return Set.of();
		}

		@Override
		public int closeIdleHttp1(Set<Object> candidates) {
			return 0;
		}

	};

	/**
	 * Sends a graceful GOAWAY on every HTTP/2 connection (once per connection; asking
	 * again does nothing): the client opens a new connection for its next request, and
	 * the streams it has already sent are still served.
	 * @return the number of HTTP/2 connections open
	 */
	int goAwayHttp2();

	/**
	 * Returns a new, empty set that compares connections by identity.
	 * @return the set
	 */
	static Set<Object> newConnectionSet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}

	/**
	 * Returns the HTTP/1.x connections open now, each by the server's own object for it,
	 * to be compared by identity.
	 * @return the open connections
	 */
	Set<Object> openHttp1();

	/**
	 * Closes (FIN) those of the given connections that are still open and idle between
	 * requests, so that no client reuses a keep-alive connection that shutdown is about
	 * to end. Connections not among the candidates are left alone.
	 * @param candidates connections from an earlier {@link #openHttp1()}
	 * @return the number of connections closed
	 */
	int closeIdleHttp1(Set<Object> candidates);

}
