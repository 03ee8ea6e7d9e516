package dev.zdt.testsupport.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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

	@Test
	void findShouldReturnPortsBelowTheEphemeralRangeSoNoOutgoingConnectionCanTakeThem() throws IOException {
		Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
		assumeThat(range).isReadable();
		int ephemeralLow = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
		assertThat(FreePorts.find(50)).allSatisfy((port) -> assertThat(port).isLessThan(ephemeralLow));
	}

	@Test
	void findShouldNeverReturnAPortTwice() {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			ports.add(FreePorts.find());
		}
		assertThat(ports).doesNotHaveDuplicates();
	}

}
