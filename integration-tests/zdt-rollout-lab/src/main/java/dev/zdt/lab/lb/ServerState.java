package dev.zdt.lab.lb;

/**
 * One line of {@code show servers state}: what HAProxy thinks of a target.
 *
 * @param name the server name
 * @param operationalState 0 stopped (down), 1 starting, 2 running (up), 3 stopping
 * @param administrativeState bit set: 0x01 forced maintenance, 0x08 forced drain, ...
 * @param weight the current user weight
 * @author zdt
 */
public record ServerState(String name, int operationalState, int administrativeState, int weight) {

	private static final int RUNNING = 2;

	private static final int FORCED_MAINTENANCE = 0x01;

	private static final int FORCED_DRAIN = 0x08;

	/**
	 * Whether the health checks pass and the server takes traffic (not drained, not in
	 * maintenance).
	 * @return whether the server is up and in rotation
	 */
	public boolean inRotation() {
		return this.operationalState == RUNNING && (this.administrativeState & (FORCED_MAINTENANCE | FORCED_DRAIN)) == 0
				&& this.weight > 0;
	}

	/**
	 * Whether the server is draining: no new requests, in-flight ones continue.
	 * @return whether the server is draining
	 */
	public boolean draining() {
		return (this.administrativeState & FORCED_DRAIN) != 0;
	}

	static ServerState parse(String line) {
		// be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight
		// ...
		String[] fields = line.trim().split("\\s+");
		return new ServerState(fields[3], Integer.parseInt(fields[5]), Integer.parseInt(fields[6]),
				Integer.parseInt(fields[7]));
	}

}
