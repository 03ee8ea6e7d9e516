package dev.zdt.boot.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.util.AntPathMatcher;

/**
 * Tells application requests, which are evidence that the load balancer routes to us,
 * from probes, health checks and management calls, which are not. Runs on every request,
 * so the common pattern shapes ({@code /path} and {@code /path/**}) are matched as plain
 * strings.
 *
 * @since 0.1.0
 */
public final class TrafficClassifier {

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final List<String> exactPaths = new ArrayList<>();

	private final List<String> pathPrefixes = new ArrayList<>();

	private final List<String> otherPatterns = new ArrayList<>();

	private final String[] excludedUserAgents;

	/**
	 * Creates a classifier.
	 * @param excludedPaths Ant-style path patterns that are not application traffic
	 * @param excludedUserAgents user-agent prefixes that are not application traffic
	 */
	public TrafficClassifier(List<String> excludedPaths, List<String> excludedUserAgents) {
		for (String pattern : excludedPaths) {
			if (!this.matcher.isPattern(pattern)) {
				this.exactPaths.add(pattern);
			}
			else if (pattern.endsWith("/**") && !this.matcher.isPattern(pattern.substring(0, pattern.length() - 3))) {
				String directory = pattern.substring(0, pattern.length() - 3);
				this.exactPaths.add(directory);
				this.pathPrefixes.add(directory + "/");
			}
			else {
				this.otherPatterns.add(pattern);
			}
		}
		this.excludedUserAgents = excludedUserAgents.toArray(String[]::new);
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
		return !isExcludedPath(request);
	}

	private boolean isExcludedPath(HttpServletRequest request) {
		if (this.exactPaths.isEmpty() && this.otherPatterns.isEmpty()) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String prefix : this.pathPrefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		if (this.exactPaths.contains(path)) {
			return true;
		}
		for (String pattern : this.otherPatterns) {
			if (this.matcher.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

}
