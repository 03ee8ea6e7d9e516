package dev.zdt.lab.lb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * HAProxy's runtime API (the stats socket at admin level): the lab's equivalent of the
 * ELBv2 API that the AWS Load Balancer Controller calls.
 *
 * @author zdt
 */
public final class RuntimeApi {

	private final Path socket;

	private final @Nullable String source;

	/**
	 * Create a client of the runtime API at the given socket.
	 * @param socket the unix socket of {@code stats socket}
	 */
	public RuntimeApi(Path socket) {
		this(socket, null);
	}

	/**
	 * Create a client of the runtime API at the given socket whose registered targets are
	 * reached from a source address.
	 * @param socket the unix socket of {@code stats socket}
	 * @param source the address connections to the targets leave from, or {@code null}
	 */
	public RuntimeApi(Path socket, @Nullable String source) {
		this.socket = socket;
		this.source = source;
	}

	/**
	 * Execute commands (separated by {@code ;}) in one connection and return the output.
	 * @param commands the commands
	 * @return what HAProxy answered
	 */
	public String execute(String commands) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(this.socket));
			channel.write(ByteBuffer.wrap((commands + "\n").getBytes(StandardCharsets.US_ASCII)));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteBuffer buffer = ByteBuffer.allocate(8192);
			while (channel.read(buffer) >= 0) {
				out.write(buffer.array(), 0, buffer.position());
				buffer.clear();
			}
			return out.toString(StandardCharsets.US_ASCII).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("HAProxy runtime API at " + this.socket + " failed: " + commands, ex);
		}
	}

	/**
	 * Register a target that gets no traffic until its health checks pass, as an ALB
	 * target in state {@code initial}. A server that leaves maintenance is UP at once in
	 * HAProxy 2.6, so it is added with weight 0, forced down, and only then given its
	 * weight: the checks bring it up after {@code rise} passes.
	 * @param name the server name
	 * @param port the application port
	 * @param checkPort the management port the health check goes to
	 * @param healthCheck the health check
	 */
	public void register(String name, int port, int checkPort, HealthCheck healthCheck) {
		String server = server(name);
		// Dynamic servers do not take default-server settings: the source goes on the
		// server line too.
		String source = (this.source != null) ? " source " + this.source : "";
		expect(execute("add server " + server + " 127.0.0.1:" + port + " weight 0 "
				+ healthCheck.serverArguments(checkPort) + source), "New server registered");
		String answer = execute("enable health " + server + "; enable server " + server + "; set server " + server
				+ " health down; set weight " + server + " 100");
		if (!answer.isEmpty()) {
			throw new IllegalStateException("HAProxy refused to register " + name + ": " + answer);
		}
	}

	/**
	 * Put a target into {@code drain}: no new requests, in-flight ones continue (ALB
	 * {@code draining}).
	 * @param name the server name
	 */
	public void drain(String name) {
		String answer = execute("set server " + server(name) + " state drain");
		if (!answer.isEmpty()) {
			throw new IllegalStateException("HAProxy refused to drain " + name + ": " + answer);
		}
	}

	/**
	 * Remove a target: maintenance, cut what is left of its sessions (the end of the
	 * deregistration delay), delete.
	 * @param name the server name
	 * @return whether HAProxy deleted the server (it refuses while connections remain)
	 */
	public boolean remove(String name) {
		String server = server(name);
		String answer = execute(
				"set server " + server + " state maint; shutdown sessions server " + server + "; del server " + server);
		return answer.contains("Server deleted");
	}

	/**
	 * Return the state of every server of the backend.
	 * @return the server states by name
	 */
	public Map<String, ServerState> servers() {
		Map<String, ServerState> servers = new LinkedHashMap<>();
		for (String line : execute("show servers state " + HaproxyConfig.BACKEND).split("\n")) {
			if (!line.isBlank() && !line.startsWith("#") && line.trim().split("\\s+").length > 7) {
				ServerState state = ServerState.parse(line);
				servers.put(state.name(), state);
			}
		}
		return servers;
	}

	/**
	 * Return the state of one server.
	 * @param name the server name
	 * @return the state, empty if HAProxy does not know the server
	 */
	public Optional<ServerState> state(String name) {
		return Optional.ofNullable(servers().get(name));
	}

	private static String server(String name) {
		return HaproxyConfig.BACKEND + "/" + name;
	}

	private static void expect(String answer, String expected) {
		if (!answer.contains(expected)) {
			throw new IllegalStateException("HAProxy answered '" + answer + "', expected '" + expected + "'");
		}
	}

}
