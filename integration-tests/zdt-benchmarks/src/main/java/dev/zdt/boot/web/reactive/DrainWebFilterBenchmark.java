package dev.zdt.boot.web.reactive;

import java.time.Duration;
import java.util.List;

import dev.zdt.boot.web.TrafficClassifier;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * One application request through the {@link DrainWebFilter} as the starter configures it
 * by default (serving, Connection: close on, the default excluded user agents), against
 * the same request straight to the chain, both subscribed to as WebFlux does. The request
 * counts as HTTP/1.1, so the filter registers its before-commit decision as it does on
 * Reactor Netty; only the protocol lookup on Reactor Netty's own request (two type checks
 * and a field read) is left out, because a mock exchange has no such request. The filter
 * and its traffic monitor are shared by all benchmark threads, as by the event loops.
 *
 * @author zdt
 */
@State(Scope.Benchmark)
public class DrainWebFilterBenchmark {

	private static final WebFilterChain CHAIN = (exchange) -> Mono.empty();

	private DrainCoordinator coordinator;

	private DrainWebFilter filter;

	@Setup
	public void setUp() {
		this.coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(20)))
			.bounds(new HoldBounds(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(100)))
			.build();
		this.filter = new DrainWebFilter(this.coordinator,
				new TrafficClassifier(List.of(), List.of("kube-probe/", "ELB-HealthChecker/", "kube-lifecycle/")), true,
				null, (request) -> true);
	}

	@Benchmark
	public Void withoutFilter(ThreadRequest request) {
		return CHAIN.filter(request.exchange()).block();
	}

	@Benchmark
	public Void withFilter(ThreadRequest request) {
		return this.filter.filter(request.exchange(), CHAIN).block();
	}

	DrainCoordinator coordinator() {
		return this.coordinator;
	}

	DrainWebFilter filter() {
		return this.filter;
	}

	/**
	 * A request of a load generator to the sample app's endpoint, one per thread. An
	 * exchange is made per request, as the server does; the request is made once.
	 */
	@State(Scope.Thread)
	public static class ThreadRequest {

		private final MockServerHttpRequest request = MockServerHttpRequest.get("/api/work?ms=0")
			.header("User-Agent", "wrk")
			.build();

		MockServerWebExchange exchange() {
			return MockServerWebExchange.from(this.request);
		}

	}

}
