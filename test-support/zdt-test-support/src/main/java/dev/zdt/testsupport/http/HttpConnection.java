package dev.zdt.integration;

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

/**
 * A plain HTTP/1.1 client connection to a loopback port: requests are keep-alive (as a load
 * balancer sends them), so the server alone decides whether to close, and the raw response
 * headers stay visible.
 */
final class HttpConnection implements Closeable {

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
	static HttpConnection open(int port, Duration timeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			socket.setTcpNoDelay(true);
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
	static HttpResult get(int port, String path, Duration timeout, String... headers) throws IOException {
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
	HttpResult get(String path, String... headers) throws IOException {
		sendGet(path, headers);
		return readResponse();
	}

	/**
	 * Sends a GET without waiting for the response; read it with {@link #readResponse()}.
	 * @param path the path and query
	 * @param headers extra request headers, as "Name: value"
	 * @throws IOException when the request cannot be written
	 */
	void sendGet(String path, String... headers) throws IOException {
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
	 * Reads one complete response.
	 * @return the response
	 * @throws IOException when the connection fails or the response is incomplete
	 */
	HttpResult readResponse() throws IOException {
		String statusLine = readLine();
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP/1.x status line: '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, List<String>> headers = readHeaders();
		byte[] body = readBody(status, headers);
		return new HttpResult(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	/**
	 * Returns whether the server has closed its side of the connection, waiting at most the
	 * given time for it to do so.
	 * @param wait how long to wait for the end of the stream
	 * @return whether the stream ended
	 * @throws IOException when reading fails otherwise
	 */
	boolean closedByServer(Duration wait) throws IOException {
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

	private Map<String, List<String>> readHeaders() throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
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
		while (true) {
			String sizeLine = readLine();
			int semicolon = sizeLine.indexOf(';');
			String size = (semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine;
			int length = Integer.parseInt(size.trim(), 16);
			if (length == 0) {
				readHeaders();
				return body.toByteArray();
			}
			body.write(readExactly(length));
			if (!readLine().isEmpty()) {
				throw new IOException("Chunk not followed by CRLF");
			}
		}
	}

	private byte[] readExactly(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("Body ended after " + bytes.length + " of " + length + " bytes");
		}
		return bytes;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			int next = this.in.read();
			if (next == -1) {
				throw new EOFException("Connection closed by the server" + ((line.size() > 0) ? " mid-line" : ""));
			}
			if (next == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(next);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
