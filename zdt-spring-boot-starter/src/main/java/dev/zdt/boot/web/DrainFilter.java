package dev.zdt.boot.web;

import java.io.IOException;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.traffic.TrafficMonitor;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Counts application requests for the hold's evidence and the in-flight gauge, and while
 * draining asks clients (the load balancer) to close keep-alive connections after the
 * response, so that none is reset by the shutdown: an HTTP/1.x response carries
 * {@code Connection: close}; an HTTP/2 connection, where that header would make the
 * response malformed, is asked to go away with GOAWAY. For a request that came before the
 * drain, the decision waits until its response starts, so a response that starts after
 * the drain started asks to close too (a response already streaming when the drain starts
 * cannot). Registered for the REQUEST dispatch only, so each request passes once without
 * the bookkeeping of {@code OncePerRequestFilter}: it is on the path of every request.
 *
 * @since 0.1.0
 */
public final class DrainFilter extends HttpFilter {

	/** How the classifier reads a servlet request. */
	static final TrafficClassifier.RequestView<HttpServletRequest> SERVLET_REQUESTS = new TrafficClassifier.RequestView<>() {

		@Override
		public @Nullable String userAgent(HttpServletRequest request) {
			return request.getHeader(HttpHeaders.USER_AGENT);
		}

		@Override
		public String pathWithinApplication(HttpServletRequest request) {
			return request.getRequestURI().substring(request.getContextPath().length());
		}

	};

	private final DrainCoordinator coordinator;

	private final TrafficMonitor traffic;

	private final TrafficClassifier classifier;

	private final boolean connectionClose;

	private final @Nullable ConnectionDrainer connections;

	/**
	 * Creates the filter.
	 * @param coordinator the drain whose traffic monitor counts application requests
	 * @param classifier tells application requests from probes and management calls
	 * @param connectionClose whether responses while draining ask clients to close the
	 * connection
	 * @param connections ends HTTP/2 connections while draining, or {@code null} when the
	 * server is unknown
	 */
	public DrainFilter(DrainCoordinator coordinator, TrafficClassifier classifier, boolean connectionClose,
			@Nullable ConnectionDrainer connections) {
		this.coordinator = coordinator;
		this.traffic = coordinator.traffic();
		this.classifier = classifier;
		this.connectionClose = connectionClose;
		this.connections = connections;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.connectionClose) {
			serve(request, response, chain);
		}
		else if (this.coordinator.isDraining()) {
			askToClose(request, response);
			serve(request, response, chain);
		}
		else {
			// The drain may start while this request is served: decide when the response
			// starts, the last moment a header can still be sent.
			ClosingIfDraining watched = new ClosingIfDraining(request, response);
			try {
				serve(request, watched, chain);
			}
			finally {
				watched.beforeCommit();
			}
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.classifier.isApplicationRequest(request, SERVLET_REQUESTS)) {
			countAndContinue(request, response, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void askToClose(HttpServletRequest request, HttpServletResponse response) {
		if (request.getProtocol().startsWith("HTTP/1.")) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		else if (this.connections != null) {
			// HTTP/2 and later: a Connection header would make the response malformed.
			this.connections.http2RequestWhileDraining();
		}
	}

	private void countAndContinue(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// The TCP peer, never X-Forwarded-For: behind an ALB, the node that routed the
		// request.
		this.traffic.requestStarted(request.getRemoteAddr());
		boolean async = false;
		try {
			chain.doFilter(request, response);
			async = request.isAsyncStarted();
			if (async) {
				request.getAsyncContext().addListener(new FinishOnComplete(this.traffic));
			}
		}
		finally {
			if (!async) {
				this.traffic.requestFinished();
			}
		}
	}

	/**
	 * A response of a request that came before the drain: asks to close if the drain has
	 * started by the time the response starts (its body is opened, it is flushed, or it
	 * is an error or a redirect) or, if nothing started it, when the request has been
	 * served.
	 */
	private final class ClosingIfDraining extends BootLineResponseWrapper {

		private final HttpServletRequest request;

		private boolean decided;

		ClosingIfDraining(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		void beforeCommit() {
			if (!this.decided && DrainFilter.this.coordinator.isDraining() && !isCommitted()) {
				this.decided = true;
				askToClose(this.request, (HttpServletResponse) getResponse());
			}
		}

	}

	private static final class FinishOnComplete implements AsyncListener {

		private final TrafficMonitor traffic;

		FinishOnComplete(TrafficMonitor traffic) {
			this.traffic = traffic;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			this.traffic.requestFinished();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
