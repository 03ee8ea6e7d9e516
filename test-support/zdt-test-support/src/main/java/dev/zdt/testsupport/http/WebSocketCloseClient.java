package dev.zdt.testsupport.http;

import java.io.BufferedInputStream;
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
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for the closing handshake as the server starts it
 * (RFC 6455 §7): it reads frames until the server's Close frame, takes its time before
 * answering with its own Close frame, as a client across a network does, and then sees
 * how the TCP connection ends. A server that closes the connection before it has read the
 * client's Close frame either shows its end (FIN) while the client has not answered yet,
 * or, if the answer reaches a socket already closed, resets the connection
 * ({@code ECONNRESET} at the client). A correct server waits for the answer, then closes.
 */
public final class WebSocketCloseClient implements AutoCloseable {

	private static final int CLOSE = 0x8;

	private static final int PING = 0x9;

	/** Far longer than a reset takes to come back over loopback. */
	private static final Duration RESET_ARRIVAL = Duration.ofMillis(100);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private WebSocketCloseClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects to a loopback port and completes the opening handshake.
	 * @param port the port
	 * @param path the WebSocket's path
	 * @param timeout the connect timeout and the time the handshake may take
	 * @return the open WebSocket
	 * @throws IOException when the connection or the handshake fails
	 */
	public static WebSocketCloseClient open(int port, String path, Duration timeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) timeout.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
			WebSocketCloseClient client = new WebSocketCloseClient(socket);
			client.handshake(port, path);
			return client;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private void handshake(int port, String path) throws IOException {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		String statusLine = readLine();
		if (!statusLine.startsWith("HTTP/1.1 101")) {
			throw new IOException("No WebSocket upgrade: " + statusLine);
		}
		while (!readLine().isEmpty()) {
			// The response's headers.
		}
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		int next = this.in.read();
		while (next != '\n') {
			if (next == -1) {
				throw new EOFException("The connection closed during the handshake");
			}
			if (next != '\r') {
				line.append((char) next);
			}
			next = this.in.read();
		}
		return line.toString();
	}

	/**
	 * Reads frames until the server's Close frame, waits the given time, answers with a
	 * Close frame of the same status code, and finds out whether the server read the
	 * answer: a little later it writes once more (an empty Ping). If the answer reached a
	 * socket the server had already closed, the server's kernel has reset the connection
	 * by then and that write fails, as the client in the field saw {@code ECONNRESET}.
	 * (Reading cannot tell: after the server's FIN a read returns the end of the stream
	 * whether or not a reset followed.) The server may half-close its side once it has
	 * sent its Close frame, as Jetty does, as long as it still reads.
	 * @param closeTimeout how long to wait for the server's Close frame
	 * @param answerDelay how long to take before answering
	 * @return how the closing handshake went
	 * @throws IOException when the connection fails before the server's Close frame
	 */
	public Closing awaitCloseAndAnswer(Duration closeTimeout, Duration answerDelay) throws IOException {
		this.socket.setSoTimeout((int) closeTimeout.toMillis());
		int statusCode = readUntilClose();
		long closeReceived = System.nanoTime();
		boolean finBeforeAnswer = awaitEnd(answerDelay);
		pauseUntil(closeReceived + answerDelay.toNanos());
		try {
			write(frame(CLOSE, new byte[] { (byte) (statusCode >> 8), (byte) statusCode }));
			pauseUntil(System.nanoTime() + RESET_ARRIVAL.toNanos());
			write(frame(PING, new byte[0]));
		}
		catch (IOException ex) {
			return new Closing(statusCode, finBeforeAnswer, true, closeReceived);
		}
		return new Closing(statusCode, finBeforeAnswer, false, closeReceived);
	}

	private int readUntilClose() throws IOException {
		while (true) {
			int first = readByte();
			int second = readByte();
			long length = second & 0x7F;
			if (length == 126) {
				length = (readByte() << 8) | readByte();
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | readByte();
				}
			}
			if ((second & 0x80) != 0) {
				throw new IOException("A server's frame must not be masked");
			}
			byte[] payload = this.in.readNBytes((int) length);
			if (payload.length < length) {
				throw new EOFException("The connection closed in the middle of a frame");
			}
			if ((first & 0x0F) == CLOSE) {
				return (payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
			}
		}
	}

	private int readByte() throws IOException {
		int next = this.in.read();
		if (next == -1) {
			throw new EOFException("The connection closed before the server's Close frame");
		}
		return next;
	}

	/**
	 * Returns whether the server ends its side of the connection within the given time.
	 */
	private boolean awaitEnd(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static void pauseUntil(long nanos) {
		for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
			try {
				Thread.sleep(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static byte[] frame(int opcode, byte[] payload) {
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		byte[] frame = new byte[2 + 4 + payload.length];
		frame[0] = (byte) (0x80 | opcode);
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		return frame;
	}

	private void write(byte[] frame) throws IOException {
		this.out.write(frame);
		this.out.flush();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	/**
	 * How a closing handshake went.
	 *
	 * @param statusCode the status code of the server's Close frame
	 * @param finBeforeAnswer whether the server ended its side of the connection before
	 * the client answered (allowed, if it still reads)
	 * @param reset whether the client's answer reached a socket the server had closed:
	 * the connection was reset
	 * @param closeReceivedNanos when the server's Close frame came
	 * ({@link System#nanoTime()})
	 */
	public record Closing(int statusCode, boolean finBeforeAnswer, boolean reset, long closeReceivedNanos) {

		/**
		 * Returns whether the server read the client's answer before it closed the
		 * connection, as RFC 6455 §7 asks.
		 * @return whether the handshake was clean
		 */
		public boolean isClean() {
			return !this.reset;
		}

		@Override
		public String toString() {
			return this.statusCode + (this.finBeforeAnswer ? ", FIN before the answer" : "")
					+ (this.reset ? ", answer reset" : ", answer read");
		}

	}

}
