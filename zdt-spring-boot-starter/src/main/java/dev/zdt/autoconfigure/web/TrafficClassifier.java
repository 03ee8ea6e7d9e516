package dev.zdt.autoconfigure.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.util.AntPathMatcher;

/**
 * Tells application requests, which are evidence that the load balancer routes to us, from
 * probes, health checks and management calls, which are not.
 */
final class TrafficClassifier {

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final List<String> excludedPaths;

	private final List<String> excludedUserAgents;

	TrafficClassifier(List<String> excludedPaths, List<String> excludedUserAgents) {
		this.excludedPaths = List.copyOf(excludedPaths);
		this.excludedUserAgents = List.copyOf(excludedUserAgents);
	}

	boolean isApplicationRequest(HttpServletRequest request) {
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		if (userAgent != null) {
			for (String prefix : this.excludedUserAgents) {
				if (userAgent.startsWith(prefix)) {
					return false;
				}
			}
		}
		if (this.excludedPaths.isEmpty()) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String pattern : this.excludedPaths) {
			if (this.matcher.match(pattern, path)) {
				return false;
			}
		}
		return true;
	}

}
