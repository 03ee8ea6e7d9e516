package dev.zdt.testsupport.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds loopback ports that are free right now, for a process started right after.
 * <p>
 * The ports come from below the kernel's ephemeral range. A port the kernel chose (bind
 * to port 0) is an ephemeral port, which any outgoing connection may take as its local
 * port between the check and the server's bind: with tests that open thousands of
 * connections a second, the server then fails with "Address already in use". No
 * connection picks a port below the ephemeral range on its own. A port is handed out at
 * most once per JVM, so two servers of one test run never race for it.
 */
public final class FreePorts {

	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	private static final int LOWEST = 15000;

	private static final int DEFAULT_EPHEMERAL_LOW = 32768;

	private static final int ATTEMPTS = 1000;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	/**
	 * Returns a port that nothing listens on.
	 * @return the port
	 */
	public static int find() {
		return find(1).get(0);
	}

	/**
	 * Returns distinct ports that nothing listens on, below the ephemeral range and not
	 * returned before in this JVM.
	 * @param count how many ports
	 * @return the ports
	 */
	public static List<Integer> find(int count) {
		int highest = ephemeralLow() - 1;
		List<Integer> ports = new ArrayList<>();
		for (int attempt = 0; ports.size() < count; attempt++) {
			if (attempt == ATTEMPTS) {
				throw new IllegalStateException(
						"No free port in " + LOWEST + "-" + highest + " after " + ATTEMPTS + " attempts");
			}
			int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
			if (canBind(port) && handedOut.add(port)) {
				ports.add(port);
			}
		}
		return ports;
	}

	/**
	 * Returns the lowest port of the kernel's ephemeral range. Read line by line: the
	 * file's size is 0, and {@code Files.readString} then returns only its first byte.
	 * @return the port
	 */
	static int ephemeralLow() {
		try {
			if (Files.isReadable(EPHEMERAL_RANGE)) {
				int low = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
				if (low > LOWEST + 1000) {
					return low;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// The usual default of Linux and of IANA's dynamic ports is safe enough.
		}
		return DEFAULT_EPHEMERAL_LOW;
	}

	private static boolean canBind(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
