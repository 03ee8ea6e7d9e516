package dev.zdt.lab.load;

import java.time.Duration;

/**
 * What the load generator sends: a fixed rate of {@code GET path} to {@code 127.0.0.1:port}.
 *
 * @param port the load balancer port
 * @param path the request path, e.g. {@code /api/work?ms=10}
 * @param rate requests per second
 * @param connections size of the pool of keep-alive connections
 * @param timeout how long a request may take before it counts as a client error
 * @author zdt
 */
public record LoadOptions(int port, String path, double rate, int connections, Duration timeout) {

	/**
	 * The default request: 10 ms of work, so that requests are in flight when a pod stops.
	 */
	public static final String DEFAULT_PATH = "/api/work?ms=10";

	/**
	 * Return options with a pool size that fits the rate.
	 * @param port the load balancer port
	 * @param path the request path
	 * @param rate requests per second
	 * @return the options
	 */
	public static LoadOptions of(int port, String path, double rate) {
		int connections = (int) Math.max(4, Math.min(64, Math.ceil(rate / 10)));
		return new LoadOptions(port, path, rate, connections, Duration.ofSeconds(20));
	}

}
