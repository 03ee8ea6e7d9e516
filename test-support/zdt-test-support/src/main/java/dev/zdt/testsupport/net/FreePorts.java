package dev.zdt.testsupport.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds loopback ports that are free right now, for a process started right after.
 */
public final class FreePorts {

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
	 * Returns distinct ports that nothing listens on. The sockets are held open until all
	 * are found, so the ports differ from each other.
	 * @param count how many ports
	 * @return the ports
	 */
	public static List<Integer> find(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket();
				sockets.add(socket);
				socket.setReuseAddress(true);
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
				ports.add(socket.getLocalPort());
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// the port is released either way
				}
			}
		}
	}

}
