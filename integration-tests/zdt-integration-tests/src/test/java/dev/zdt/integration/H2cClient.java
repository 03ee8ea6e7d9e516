package dev.zdt.integration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

/**
 * An HTTP/2 client speaking h2c with prior knowledge (the connection preface, no Upgrade)
 * to one loopback port, as a load balancer does towards a target group with protocol
 * version HTTP2: it sends every request on its current connection and, once the server
 * has sent GOAWAY on it, opens a new connection for the next request (RFC 9113 §6.8). A
 * response counts when its last frame (END_STREAM) has arrived, whatever happens to the
 * connection afterwards.
 */
final class H2cClient implements AutoCloseable {

	private final HTTP2Client client;

	private final int port;

	private Connection current;

	private int retries;

	private H2cClient(HTTP2Client client, int port) {
		this.client = client;
		this.port = port;
	}

	static H2cClient start(int port) throws IOException {
		HTTP2Client client = new HTTP2Client();
		try {
			client.start();
		}
		catch (Exception ex) {
			throw new IOException("Starting the HTTP/2 client failed", ex);
		}
		return new H2cClient(client, port);
	}

	/**
	 * Sends a GET and waits for the whole response.
	 * @param path the path and query
	 * @return the response, with the local port of the connection it came on
	 * @throws Exception when the request fails, e.g. the stream is reset or the response
	 * is malformed
	 */
	Result get(String path) throws Exception {
		Connection connection = connection();
		MetaData.Request request = new MetaData.Request("GET", HttpURI.from("http://127.0.0.1:" + this.port + path),
				HttpVersion.HTTP_2, HttpFields.EMPTY);
		ResponseListener response = new ResponseListener(connection.localPort);
		Stream stream;
		try {
			stream = connection.session.newStream(new HeadersFrame(request, null, true), response)
				.get(SampleApp.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ClosedChannelException) {
				// The GOAWAY or the close arrived after the connection was picked, so the
				// request never left the client: safe to send on a new connection, which
				// is what a load balancer does.
				connection.goneAway = true;
				this.retries++;
				return get(path);
			}
			throw ex;
		}
		try {
			return response.result.get(SampleApp.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (connection.goneAway && stream.getId() > connection.lastStreamId) {
				// The GOAWAY says the server never processed this stream: safe to send
				// again (RFC 9113 §6.8), which is what a load balancer does.
				this.retries++;
				return get(path);
			}
			throw ex;
		}
	}

	/**
	 * Returns how many requests were sent again because a GOAWAY said the server had not
	 * processed them.
	 * @return the count
	 */
	int retries() {
		return this.retries;
	}

	private Connection connection() throws Exception {
		if (this.current == null || this.current.goneAway || this.current.session.isClosed()) {
			Connection connection = new Connection();
			connection.session = this.client.connect(new InetSocketAddress("127.0.0.1", this.port), connection)
				.get(SampleApp.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			connection.localPort = ((InetSocketAddress) connection.session.getLocalSocketAddress()).getPort();
			this.current = connection;
		}
		return this.current;
	}

	@Override
	public void close() throws IOException {
		try {
			this.client.stop();
		}
		catch (Exception ex) {
			throw new IOException("Stopping the HTTP/2 client failed", ex);
		}
	}

	/**
	 * One response.
	 *
	 * @param version the HTTP version of the response
	 * @param status the status
	 * @param connectionHeaders the names of connection-specific headers the response
	 * carried
	 * @param localPort the client port of the connection
	 * @param body the body
	 */
	record Result(String version, int status, List<String> connectionHeaders, int localPort, String body) {

	}

	private static final class Connection implements Session.Listener {

		private volatile Session session;

		private volatile int localPort;

		private volatile boolean goneAway;

		private volatile int lastStreamId = Integer.MAX_VALUE;

		@Override
		public void onGoAway(Session session, GoAwayFrame frame) {
			this.lastStreamId = Math.min(this.lastStreamId, frame.getLastStreamId());
			this.goneAway = true;
		}

	}

	private static final class ResponseListener implements Stream.Listener {

		private final CompletableFuture<Result> result = new CompletableFuture<>();

		private final StringBuilder body = new StringBuilder();

		private final int localPort;

		private volatile MetaData.Response response;

		ResponseListener(int localPort) {
			this.localPort = localPort;
		}

		@Override
		public void onHeaders(Stream stream, HeadersFrame frame) {
			if (frame.getMetaData() instanceof MetaData.Response metaData) {
				this.response = metaData;
			}
			if (frame.isEndStream()) {
				complete();
			}
			else {
				stream.demand();
			}
		}

		@Override
		public void onDataAvailable(Stream stream) {
			while (true) {
				Stream.Data data = stream.readData();
				if (data == null) {
					stream.demand();
					return;
				}
				this.body.append(StandardCharsets.UTF_8.decode(data.frame().getByteBuffer()));
				data.release();
				if (data.frame().isEndStream()) {
					complete();
					return;
				}
			}
		}

		@Override
		public void onReset(Stream stream, ResetFrame frame, Callback callback) {
			this.result.completeExceptionally(new IOException("Stream reset: error " + frame.getError()));
			callback.succeeded();
		}

		@Override
		public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
			this.result.completeExceptionally(new IOException("Stream failed: " + reason, failure));
			callback.succeeded();
		}

		private void complete() {
			MetaData.Response metaData = this.response;
			if (metaData == null) {
				this.result.completeExceptionally(new IOException("No response headers"));
				return;
			}
			List<String> connectionHeaders = metaData.getHttpFields()
				.stream()
				.map(HttpField::getName)
				.map((name) -> name.toLowerCase(Locale.ROOT))
				.filter((name) -> name.equals("connection") || name.equals("keep-alive"))
				.toList();
			this.result.complete(new Result(metaData.getHttpVersion().asString(), metaData.getStatus(),
					connectionHeaders, this.localPort, this.body.toString()));
		}

	}

}
