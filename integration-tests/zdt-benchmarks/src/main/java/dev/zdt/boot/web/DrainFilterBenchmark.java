package dev.zdt.boot.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * One application request through the {@link DrainFilter} as the starter configures it by
 * default (serving, Connection: close on, the default excluded user agents), against the
 * same request straight to the chain. The filter and its traffic monitor are shared by
 * all benchmark threads, as by a server's request threads.
 *
 * @author zdt
 */
@State(Scope.Benchmark)
public class DrainFilterBenchmark {

	private static final FilterChain CHAIN = (request, response) -> {
	};

	private DrainCoordinator coordinator;

	private DrainFilter filter;

	@Setup
	public void setUp() {
		this.coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(20)))
			.bounds(new HoldBounds(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(100)))
			.build();
		this.filter = new DrainFilter(this.coordinator,
				new TrafficClassifier(List.of(), List.of("kube-probe/", "ELB-HealthChecker/", "kube-lifecycle/")), true,
				null);
	}

	@Benchmark
	public void withoutFilter(ThreadRequest request) throws ServletException, IOException {
		CHAIN.doFilter(request.request, request.response);
	}

	@Benchmark
	public void withFilter(ThreadRequest request) throws ServletException, IOException {
		this.filter.doFilter(request.request, request.response, CHAIN);
	}

	DrainCoordinator coordinator() {
		return this.coordinator;
	}

	/**
	 * A request of a load generator to the sample app's endpoint, one per thread.
	 */
	@State(Scope.Thread)
	public static class ThreadRequest {

		final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/work");

		final MockHttpServletResponse response = new MockHttpServletResponse();

		@Setup
		public void setUp() {
			this.request.setQueryString("ms=0");
			this.request.addHeader("User-Agent", "wrk");
		}

	}

}
