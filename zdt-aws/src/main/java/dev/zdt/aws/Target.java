package dev.zdt.aws;

import java.util.List;

/**
 * This instance as a target of the load balancer: its target groups and IP address.
 *
 * @param targetGroups the target group ARNs
 * @param ip the IP address the load balancer routes to
 */
record Target(List<String> targetGroups, IpAddress ip) {

	String address(int port) {
		return (this.ip.isIpv6() ? "[" + this.ip + "]" : this.ip) + ":" + port;
	}

}
