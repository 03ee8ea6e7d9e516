package dev.zdt.autoconfigure.web;

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

import org.springframework.http.HttpHeaders;

/**
 * Counts application requests for the hold's evidence and the in-flight gauge, and while
 * draining asks clients (the load balancer) to close keep-alive connections after the
 * response, so that none is reset by the shutdown. Registered for the REQUEST dispatch only, so
 * each request passes once without the bookkeeping of {@code OncePerRequestFilter}: it is on
 * the path of every request.
 *
 * @since 0.1.0
 */
public final class DrainFilter extends HttpFilter {

	private final DrainCoordinator coordinator;

	private final TrafficMonitor traffic;

	private final TrafficClassifier classifier;

	private final boolean connectionClose;

	DrainFilter(DrainCoordinator coordinator, TrafficClassifier classifier, boolean connectionClose) {
		this.coordinator = coordinator;
		this.traffic = coordinator.traffic();
		this.classifier = classifier;
		this.connectionClose = connectionClose;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.connectionClose && this.coordinator.isDraining()) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		if (!this.classifier.isApplicationRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		this.traffic.requestStarted();
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
