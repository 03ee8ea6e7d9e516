package dev.zdt.boot.web.reactive;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.zdt.boot.web.ConnectionDrainer;
import dev.zdt.boot.web.TrafficClassifier;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.traffic.TrafficMonitor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux twin of the servlet {@code DrainFilter}: counts application requests for
 * the hold's evidence and the in-flight gauge, and while draining asks clients (the load
 * balancer) to close keep-alive connections after the response, so that none is reset by
 * the shutdown.
 * <p>
 * A request counts from the moment it passes this filter until its handling completes,
 * fails or is cancelled (the client went away). An HTTP/1.x response gets
 * {@code Connection: close} when the drain has started by the time the response commits,
 * the last moment a header can still be sent, so a request that came before the drain and
 * answers after it asks to close too; a response already streaming when the drain starts
 * cannot. HTTP/2 responses get no {@code Connection} header, which would make them
 * malformed (RFC 9113 §8.2.2): instead an HTTP/2 request that comes while draining makes
 * the {@link ConnectionDrainer} ask the server's HTTP/2 connections to go away (GOAWAY).
 * The request's protocol is known on Reactor Netty only: on other reactive servers no
 * response asks to close.
 * <p>
 * Requests served by another application context pass untouched: with
 * {@code management.server.port} actuator runs in a child context whose handler applies
 * this context's web filters too, and its calls are probes, not the load balancer's
 * traffic.
 *
 * @since 0.1.0
 */
public final class DrainWebFilter implements WebFilter, Ordered {

	static final String REACTOR_NETTY_REQUEST = "reactor.netty.http.server.HttpServerRequest";

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent(REACTOR_NETTY_REQUEST,
			DrainWebFilter.class.getClassLoader());

	/** How the classifier reads a reactive request. */
	static final TrafficClassifier.RequestView<ServerHttpRequest> REACTIVE_REQUESTS = new TrafficClassifier.RequestView<>() {

		@Override
		public @Nullable String userAgent(ServerHttpRequest request) {
			return request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
		}

		@Override
		public String pathWithinApplication(ServerHttpRequest request) {
			return request.getPath().pathWithinApplication().value();
		}

	};

	private final DrainCoordinator coordinator;

	private final TrafficMonitor traffic;

	private final TrafficClassifier classifier;

	private final boolean connectionClose;

	private final @Nullable ApplicationContext applicationContext;

	private final Consumer<SignalType> finished;

	private final Predicate<ServerHttpRequest> http1;

	private final @Nullable ConnectionDrainer connections;

	/**
	 * Creates the filter.
	 * @param coordinator the drain whose traffic monitor counts application requests
	 * @param classifier tells application requests from probes and management calls
	 * @param connectionClose whether HTTP/1.x responses while draining ask clients to
	 * close the connection
	 * @param applicationContext the context whose server carries the application's
	 * traffic, or {@code null} to treat every request that passes as the application's
	 */
	public DrainWebFilter(DrainCoordinator coordinator, TrafficClassifier classifier, boolean connectionClose,
			@Nullable ApplicationContext applicationContext) {
		this(coordinator, classifier, connectionClose, applicationContext, (ConnectionDrainer) null);
	}

	/**
	 * Creates the filter.
	 * @param coordinator the drain whose traffic monitor counts application requests
	 * @param classifier tells application requests from probes and management calls
	 * @param connectionClose whether responses while draining ask clients to close the
	 * connection
	 * @param applicationContext the context whose server carries the application's
	 * traffic, or {@code null} to treat every request that passes as the application's
	 * @param connections ends HTTP/2 connections while draining, or {@code null} when the
	 * server is unknown
	 */
	public DrainWebFilter(DrainCoordinator coordinator, TrafficClassifier classifier, boolean connectionClose,
			@Nullable ApplicationContext applicationContext, @Nullable ConnectionDrainer connections) {
		this(coordinator, classifier, connectionClose, applicationContext, DrainWebFilter::isHttp1, connections);
	}

	DrainWebFilter(DrainCoordinator coordinator, TrafficClassifier classifier, boolean connectionClose,
			@Nullable ApplicationContext applicationContext, Predicate<ServerHttpRequest> http1) {
		this(coordinator, classifier, connectionClose, applicationContext, http1, null);
	}

	private DrainWebFilter(DrainCoordinator coordinator, TrafficClassifier classifier, boolean connectionClose,
			@Nullable ApplicationContext applicationContext, Predicate<ServerHttpRequest> http1,
			@Nullable ConnectionDrainer connections) {
		this.coordinator = coordinator;
		this.http1 = http1;
		this.connections = connections;
		this.traffic = coordinator.traffic();
		this.classifier = classifier;
		this.connectionClose = connectionClose;
		this.applicationContext = applicationContext;
		TrafficMonitor monitor = this.traffic;
		this.finished = (signal) -> monitor.requestFinished();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.applicationContext != null && exchange.getApplicationContext() != this.applicationContext) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		if (this.connectionClose) {
			if (this.http1.test(request)) {
				closeIfDrainingWhenCommitted(exchange.getResponse());
			}
			else if (this.connections != null && this.coordinator.isDraining() && isHttp2(request)) {
				// A Connection header would make the response malformed.
				this.connections.http2RequestWhileDraining();
			}
		}
		if (!this.classifier.isApplicationRequest(request, REACTIVE_REQUESTS)) {
			return chain.filter(exchange);
		}
		// The TCP peer, never X-Forwarded-For: behind an ALB, the node that routed the
		// request.
		this.traffic.requestStarted(peer(request));
		Mono<Void> served;
		try {
			served = chain.filter(exchange);
		}
		catch (RuntimeException | Error ex) {
			this.traffic.requestFinished();
			throw ex;
		}
		// Complete, error and cancel (the client closed the connection) alike.
		return served.doFinally(this.finished);
	}

	private void closeIfDrainingWhenCommitted(ServerHttpResponse response) {
		if (this.coordinator.isDraining()) {
			askToClose(response);
		}
		else {
			response.beforeCommit(() -> {
				if (this.coordinator.isDraining()) {
					askToClose(response);
				}
				return Mono.empty();
			});
		}
	}

	private static void askToClose(ServerHttpResponse response) {
		response.getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	private static boolean isHttp1(ServerHttpRequest request) {
		return REACTOR_NETTY && ReactorNetty.isHttp1(ServerHttpRequestDecorator.getNativeRequest(request));
	}

	private static boolean isHttp2(ServerHttpRequest request) {
		return REACTOR_NETTY && ReactorNetty.isHttp2(ServerHttpRequestDecorator.getNativeRequest(request));
	}

	private static @Nullable String peer(ServerHttpRequest request) {
		InetSocketAddress address = request.getRemoteAddress();
		return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/** Loaded only when Reactor Netty is present. */
	private static final class ReactorNetty {

		static boolean isHttp1(Object nativeRequest) {
			// Reactor Netty reports HTTP/2 streams as version HTTP/2.0.
			return nativeRequest instanceof HttpServerRequest netty && netty.version().majorVersion() == 1;
		}

		static boolean isHttp2(Object nativeRequest) {
			return nativeRequest instanceof HttpServerRequest netty && netty.version().majorVersion() == 2;
		}

	}

}
