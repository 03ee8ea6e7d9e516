package dev.zdt.lab.load;

import java.time.Duration;

/**
 * What the load generator sends: {@code GET path} to {@code 127.0.0.1:port} in a traffic
 * shape.
 *
 * @param port the load balancer port
 * @param path the request path, e.g. {@code /api/work?ms=10}
 * @param shape when requests are due
 * @param connections size of the pool of keep-alive connections
 * @param timeout how long a request may take before it counts as a client error
 * @author zdt
 */
public record LoadOptions(int port, String path, TrafficShape shape, int connections, Duration timeout) {

	/**
	 * The default request: 10 ms of work, so that requests are in flight when a pod
	 * stops.
	 */
	public static final String DEFAULT_PATH = "/api/work?ms=10";

	/**
	 * Create options for steady traffic at a fixed rate.
	 * @param port the load balancer port
	 * @param path the request path
	 * @param rate requests per second
	 * @param connections size of the pool of keep-alive connections
	 * @param timeout how long a request may take before it counts as a client error
	 */
	public LoadOptions(int port, String path, double rate, int connections, Duration timeout) {
		this(port, path, new SteadyTraffic(rate), connections, timeout);
	}

	/**
	 * Return options for steady traffic with a pool size that fits the rate.
	 * @param port the load balancer port
	 * @param path the request path
	 * @param rate requests per second
	 * @return the options
	 */
	public static LoadOptions of(int port, String path, double rate) {
		return of(port, path, new SteadyTraffic(rate));
	}

	/**
	 * Return options with a pool size that fits the shape.
	 * @param port the load balancer port
	 * @param path the request path
	 * @param shape when requests are due
	 * @return the options
	 */
	public static LoadOptions of(int port, String path, TrafficShape shape) {
		return new LoadOptions(port, path, shape, shape.connections(), Duration.ofSeconds(20));
	}

}
