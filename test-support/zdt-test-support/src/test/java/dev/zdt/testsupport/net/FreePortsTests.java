package dev.zdt.testsupport.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FreePorts}.
 */
class FreePortsTests {

	@Test
	void findShouldReturnDistinctPortsThatCanBeBound() throws IOException {
		List<Integer> ports = FreePorts.find(3);
		assertThat(ports).hasSize(3).doesNotHaveDuplicates();
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

}
