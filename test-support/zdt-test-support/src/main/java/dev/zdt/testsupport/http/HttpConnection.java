package dev.zdt.testsupport.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP/1.1 client connection to a loopback port: requests are keep-alive (as a
 * load balancer sends them), so the server alone decides whether to close, and the raw
 * response headers stay visible. Never retries: a request that fails on a reused
 * connection is a failure a user would see, just as the ALB does not retry.
 * <p>
 * Two ways to read a response: {@link #get(String, String...)} keeps every header and the
 * body (for assertions), {@link #send(byte[])} keeps only what a load generator counts
 * and skips the body without storing it.
 */
public final class HttpConnection implements Closeable {

	private final int port;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private HttpConnection(int port, Socket socket) throws IOException {
		this.port = port;
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects to a loopback port.
	 * @param port the port
	 * @param timeout the connect timeout, and the read timeout of every request
	 * @return the connection
	 * @throws IOException when the connection fails
	 */
	public static HttpConnection open(int port, Duration timeout) throws IOException {
		return open(port, timeout, timeout);
	}

	/**
	 * Connects to a loopback port.
	 * @param port the port
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout of every request
	 * @return the connection
	 * @throws IOException when the connection fails
	 */
	public static HttpConnection open(int port, Duration connectTimeout, Duration readTimeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) readTimeout.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
					(int) connectTimeout.toMillis());
			return new HttpConnection(port, socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Sends one GET on a new connection and closes it after the response.
	 * @param port the port
	 * @param path the path and query
	 * @param timeout the connect and read timeout
	 * @param headers extra request headers, as "Name: value"
	 * @return the response
	 * @throws IOException when the connection fails or the response is incomplete
	 */
	public static HttpResult get(int port, String path, Duration timeout, String... headers) throws IOException {
		try (HttpConnection connection = open(port, timeout)) {
			return connection.get(path, headers);
		}
	}

	/**
	 * Sends a GET on this connection and reads the whole response.
	 * @param path the path and query
	 * @param headers extra request headers, as "Name: value"
	 * @return the response
	 * @throws IOException when the connection fails or the response is incomplete
	 */
	public HttpResult get(String path, String... headers) throws IOException {
		sendGet(path, headers);
		return readResponse();
	}

	/**
	 * Sends a GET without waiting for the response; read it with {@link #readResponse()}.
	 * @param path the path and query
	 * @param headers extra request headers, as "Name: value"
	 * @throws IOException when the request cannot be written
	 */
	public void sendGet(String path, String... headers) throws IOException {
		StringBuilder request = new StringBuilder();
		request.append("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		request.append("\r\n");
		this.out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
	}

	/**
	 * Writes part of a request as it is, e.g. its first line now and the rest later; read
	 * the response with {@link #readResponse()}.
	 * @param part the bytes to send, as US-ASCII text
	 * @throws IOException when they cannot be written
	 */
	public void write(String part) throws IOException {
		this.out.write(part.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
	}

	/**
	 * Reads one complete response.
	 * @return the response
	 * @throws IOException when the connection fails or the response is incomplete
	 */
	public HttpResult readResponse() throws IOException {
		String statusLine = requireLine();
		int status = status(statusLine);
		Map<String, List<String>> headers = readHeaders();
		byte[] body = readBody(status, headers);
		return new HttpResult(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	/**
	 * Sends a request as it is and reads the response, skipping its body without keeping
	 * it: the cheap path for a load generator that sends the same bytes many times.
	 * @param request the whole request, head and body, as it goes on the wire
	 * @return what a load generator counts of the response
	 * @throws IOException when the connection fails or the response is incomplete; an
	 * {@link EOFException} when the server closed the connection before or inside the
	 * response
	 */
	public Exchange send(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String statusLine = readLine();
		if (statusLine == null) {
			throw new EOFException("Connection closed by the server before the response");
		}
		String version = statusLine.split(" ", 2)[0];
		int status = status(statusLine);
		long contentLength = -1;
		boolean chunked = false;
		boolean close = version.equals("HTTP/1.0");
		String servedBy = "-";
		// Lenient where the load generator always was: the head may end with the
		// connection, and odd lines are skipped.
		for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> close = value.equalsIgnoreCase("close");
				case "x-served-by" -> servedBy = value;
				default -> {
				}
			}
		}
		if (chunked) {
			skipChunks();
		}
		else if (contentLength >= 0) {
			skip(contentLength);
		}
		else {
			while (this.in.read() >= 0) {
				// no length: the body ends with the connection
			}
			close = true;
		}
		return new Exchange(status, servedBy, close);
	}

	/**
	 * Returns whether the server has closed its side of the connection, waiting at most
	 * the given time for it to do so.
	 * @param wait how long to wait for the end of the stream
	 * @return whether the stream ended
	 * @throws IOException when reading fails otherwise
	 */
	public boolean closedByServer(Duration wait) throws IOException {
		int timeout = this.socket.getSoTimeout();
		this.socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		finally {
			this.socket.setSoTimeout(timeout);
		}
	}

	private static int status(String statusLine) throws IOException {
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP/1.x status line: '" + statusLine + "'");
		}
		return Integer.parseInt(parts[1]);
	}

	private Map<String, List<String>> readHeaders() throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line = requireLine(); !line.isEmpty(); line = requireLine()) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new IOException("Malformed header line: '" + line + "'");
			}
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(line.substring(colon + 1).trim());
		}
		return headers;
	}

	private byte[] readBody(int status, Map<String, List<String>> headers) throws IOException {
		if (status / 100 == 1 || status == 204 || status == 304) {
			return new byte[0];
		}
		List<String> transferEncoding = headers.getOrDefault("transfer-encoding", List.of());
		if (transferEncoding.stream().anyMatch((value) -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
			return readChunked();
		}
		List<String> contentLength = headers.get("content-length");
		if (contentLength != null) {
			return readExactly(Integer.parseInt(contentLength.get(0).trim()));
		}
		return this.in.readAllBytes();
	}

	private byte[] readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int length = chunkSize(); length > 0; length = chunkSize()) {
			body.write(readExactly(length));
			if (!requireLine().isEmpty()) {
				throw new IOException("Chunk not followed by CRLF");
			}
		}
		readHeaders();
		return body.toByteArray();
	}

	private void skipChunks() throws IOException {
		for (int length = chunkSize(); length > 0; length = chunkSize()) {
			skip(length);
			requireLine();
		}
		for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
			// trailers are not counted
		}
	}

	private int chunkSize() throws IOException {
		String sizeLine = requireLine();
		int semicolon = sizeLine.indexOf(';');
		String size = (semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine;
		return Integer.parseInt(size.trim(), 16);
	}

	private byte[] readExactly(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("Body ended after " + bytes.length + " of " + length + " bytes");
		}
		return bytes;
	}

	private void skip(long length) throws IOException {
		long left = length;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException("Body ended with " + left + " of " + length + " bytes missing");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private String requireLine() throws IOException {
		String line = readLine();
		if (line == null) {
			throw new EOFException("Connection closed by the server");
		}
		return line;
	}

	/**
	 * Reads a line without its CRLF (or LF).
	 * @return the line, or {@code null} when the stream ended before its first byte
	 */
	private @Nullable String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int next = this.in.read(); next != -1; next = this.in.read()) {
			if (next == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(next);
		}
		if (line.size() > 0) {
			throw new EOFException("Connection closed by the server mid-line");
		}
		return null;
	}

	/**
	 * Closes the socket; a failure to close is ignored, as the connection is gone either
	 * way.
	 */
	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed or not, the connection is of no more use
		}
	}

	/**
	 * What {@link #send(byte[])} keeps of a response.
	 *
	 * @param status the status code
	 * @param servedBy the {@code X-Served-By} header (which backend answered), or
	 * {@code "-"}
	 * @param close whether the connection cannot be used again:
	 * {@code Connection: close}, HTTP/1.0, or a body that ended with the connection
	 */
	public record Exchange(int status, String servedBy, boolean close) {
	}

}
