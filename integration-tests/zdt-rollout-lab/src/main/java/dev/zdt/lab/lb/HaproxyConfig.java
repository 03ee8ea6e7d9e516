package dev.zdt.lab.lb;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The HAProxy configuration of the lab: one frontend on loopback, one backend whose
 * servers (the pods) are added and removed at runtime, behaving like an ALB target group.
 * <ul>
 * <li>{@code retries 0} and no {@code option redispatch}: the ALB does not retry a failed
 * request.</li>
 * <li>{@code http-reuse always}: keep-alive connections to the targets are shared, as the
 * ALB does.</li>
 * <li>Health checks on the readiness URL of the management port
 * ({@link HealthCheck}).</li>
 * <li>Every response names the server that produced it in {@code X-Served-By}, for the
 * timelines.</li>
 * <li>Only abnormal requests are logged (5xx, aborted), with HAProxy's termination
 * state.</li>
 * </ul>
 *
 * With a {@code source} address (one of several load balancer nodes), every connection to
 * the targets, requests and health checks, leaves from that loopback address, so the pods
 * see each node as its own TCP peer, as they see each ALB node.
 *
 * @param frontendPort the port the load generator sends to
 * @param socket the runtime API socket
 * @param source the address connections to the targets leave from, or {@code null} for
 * the system's choice (127.0.0.1)
 * @author zdt
 */
public record HaproxyConfig(int frontendPort, Path socket, @Nullable String source) {

	/**
	 * Create the configuration of a single load balancer node whose connections leave
	 * from the system's choice of address.
	 * @param frontendPort the port the load generator sends to
	 * @param socket the runtime API socket
	 */
	public HaproxyConfig(int frontendPort, Path socket) {
		this(frontendPort, socket, null);
	}

	/**
	 * The name of the backend that holds the pods.
	 */
	public static final String BACKEND = "pods";

	/**
	 * Render the configuration file.
	 * @param healthCheck the health check of the backend
	 * @return the configuration text
	 */
	public String render(HealthCheck healthCheck) {
		return """
				global
				  stats socket %s mode 600 level admin
				  stats timeout 2m
				  nbthread 1
				  maxconn 4096
				  log stdout format raw local0 info

				defaults
				  mode http
				  log global
				  option httplog
				  option dontlog-normal
				  timeout connect 2s
				  timeout client 60s
				  timeout server 60s
				  timeout http-keep-alive 60s
				  timeout http-request 10s
				  timeout check 2s
				  retries 0
				  no option redispatch

				frontend lb
				  bind 127.0.0.1:%d
				  default_backend %s

				backend %s
				  balance roundrobin
				  http-reuse always
				  option httpchk GET %s
				  http-check expect status 200
				  http-response set-header X-Served-By %%[srv_name]
				%s""".formatted(this.socket, this.frontendPort, BACKEND, BACKEND, healthCheck.path(),
				(this.source != null) ? "  source " + this.source + "\n" : "");
	}

}
