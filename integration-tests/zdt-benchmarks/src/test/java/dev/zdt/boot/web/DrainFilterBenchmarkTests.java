package dev.zdt.boot.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DrainFilterBenchmark}: it must measure the filter's full path for an
 * application request, not the shortcut for excluded requests.
 *
 * @author zdt
 */
class DrainFilterBenchmarkTests {

	@Test
	void benchmarkRequestIsCountedAsAnApplicationRequestAndFinishes() throws Exception {
		DrainFilterBenchmark benchmark = new DrainFilterBenchmark();
		benchmark.setUp();
		DrainFilterBenchmark.ThreadRequest request = new DrainFilterBenchmark.ThreadRequest();
		request.setUp();
		benchmark.withFilter(request);
		benchmark.withFilter(request);
		assertThat(benchmark.coordinator().traffic().arrivals()).isEqualTo(2);
		assertThat(benchmark.coordinator().traffic().inFlight()).isZero();
	}

}
