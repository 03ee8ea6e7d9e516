package dev.zdt.boot.web.reactive;

import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DrainWebFilterBenchmark}: it must measure the filter's full path for
 * an application request over HTTP/1.1, not the shortcut for excluded requests or for
 * HTTP/2.
 *
 * @author zdt
 */
class DrainWebFilterBenchmarkTests {

	@Test
	void benchmarkRequestIsCountedAsAnApplicationRequestAndFinishes() {
		DrainWebFilterBenchmark benchmark = new DrainWebFilterBenchmark();
		benchmark.setUp();
		DrainWebFilterBenchmark.ThreadRequest request = new DrainWebFilterBenchmark.ThreadRequest();
		benchmark.withFilter(request);
		benchmark.withFilter(request);
		assertThat(benchmark.coordinator().traffic().arrivals()).isEqualTo(2);
		assertThat(benchmark.coordinator().traffic().inFlight()).isZero();
	}

	@Test
	void benchmarkRequestTakesTheHttp11PathThatDecidesOnConnectionClose() {
		DrainWebFilterBenchmark benchmark = new DrainWebFilterBenchmark();
		benchmark.setUp();
		benchmark.coordinator().startDrain(DrainTrigger.API);
		MockServerWebExchange exchange = new DrainWebFilterBenchmark.ThreadRequest().exchange();
		WebFilterChain chain = (served) -> served.getResponse().setComplete();
		benchmark.filter().filter(exchange, chain).block();
		assertThat(exchange.getResponse().getHeaders().getFirst("Connection")).isEqualTo("close");
	}

}
