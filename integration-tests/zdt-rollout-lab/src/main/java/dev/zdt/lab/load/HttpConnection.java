package dev.zdt.lab.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 keep-alive connection on a plain socket. Never retries: a request that fails on a
 * reused connection is a failure the user would see, just like the ALB does not retry.
 *
 * @author zdt
 */
final class HttpConnection implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private HttpConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 8192);
		this.out = socket.getOutputStream();
	}

	static HttpConnection open(int port, Duration timeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) timeout.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) CONNECT_TIMEOUT.toMillis());
			return new HttpConnection(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	Response send(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String statusLine = readLine();
		if (statusLine == null) {
			throw new EOFException("connection closed before the response");
		}
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP response: " + statusLine);
		}
		int status = Integer.parseInt(parts[1]);
		long contentLength = -1;
		boolean chunked = false;
		boolean close = parts[0].equals("HTTP/1.0");
		String servedBy = "-";
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
			readChunks();
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
		return new Response(status, servedBy, close);
	}

	private void readChunks() throws IOException {
		while (true) {
			String size = readLine();
			if (size == null) {
				throw new EOFException("connection closed inside a chunked body");
			}
			int semicolon = size.indexOf(';');
			long length = Long.parseLong((semicolon >= 0) ? size.substring(0, semicolon).trim() : size.trim(), 16);
			if (length == 0) {
				for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
					// ignore trailers
				}
				return;
			}
			skip(length);
			readLine();
		}
	}

	private void skip(long length) throws IOException {
		long left = length;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException("connection closed inside the body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private @Nullable String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b;
		while ((b = this.in.read()) >= 0) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		if (line.size() > 0) {
			throw new EOFException("connection closed inside a line");
		}
		return null;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	record Response(int status, String servedBy, boolean close) {
	}

}
