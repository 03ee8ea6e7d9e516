package dev.zdt.boot.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.AntPathMatcher;

/**
 * Tells application requests, which are evidence that the load balancer routes to us,
 * from probes, health checks and management calls, which are not. Runs on every request,
 * so the common pattern shapes ({@code /path} and {@code /path/**}) are matched as plain
 * strings. Used by the servlet {@link DrainFilter} and by the WebFlux
 * {@code DrainWebFilter} alike: each reads a request of its own stack through a
 * {@link RequestView}, so the rules live here only.
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

	/**
	 * Tells whether a request is application traffic: neither from an excluded user agent
	 * nor to an excluded path.
	 * @param <R> the request type of the web stack
	 * @param request the request
	 * @param view reads the user agent and the path of the request; the path is read only
	 * when a path is excluded
	 * @return whether the request is evidence that the load balancer routes to us
	 */
	public <R> boolean isApplicationRequest(R request, RequestView<R> view) {
		String userAgent = view.userAgent(request);
		if (userAgent != null) {
			for (String prefix : this.excludedUserAgents) {
				if (userAgent.startsWith(prefix)) {
					return false;
				}
			}
		}
		return !(excludesPaths() && isExcludedPath(view.pathWithinApplication(request)));
	}

	private boolean excludesPaths() {
		return !this.exactPaths.isEmpty() || !this.otherPatterns.isEmpty();
	}

	private boolean isExcludedPath(String path) {
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

	/**
	 * What the classifier reads from a request of one web stack. Implementations are
	 * stateless constants, so classifying allocates nothing.
	 *
	 * @param <R> the request type
	 * @since 0.1.0
	 */
	public interface RequestView<R> {

		/**
		 * Returns the {@code User-Agent} header.
		 * @param request the request
		 * @return the user agent, or {@code null} when the request has none
		 */
		@Nullable String userAgent(R request);

		/**
		 * Returns the request's path without the context path (as sent, not decoded).
		 * @param request the request
		 * @return the path within the application
		 */
		String pathWithinApplication(R request);

	}

}
