package dev.zdt.lab.cost;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WrkResult}.
 *
 * @author zdt
 */
class WrkResultTests {

	private static final String OUTPUT = """
			Running 10s test @ http://127.0.0.1:8080/api/work?ms=0
			  1 threads and 16 connections
			  Thread Stats   Avg      Stdev     Max   +/- Stdev
			    Latency     1.53ms    2.01ms  45.12ms   93.00%
			    Req/Sec    11.20k     1.10k   13.01k    70.00%
			  Latency Distribution
			     50%  812.00us
			     75%    1.52ms
			     90%    3.01ms
			     99%   10.42ms
			  111450 requests in 10.00s, 13.92MB read
			  Socket errors: connect 0, read 2, write 0, timeout 1
			  Non-2xx or 3xx responses: 4
			Requests/sec:  11144.37
			Transfer/sec:      1.39MB
			""";

	@Test
	void parsesThroughputPercentilesAndErrors() {
		WrkResult result = WrkResult.parse(OUTPUT);
		assertThat(result.requestsPerSecond()).isEqualTo(11144.37);
		assertThat(result.p50()).isEqualTo(Duration.ofNanos(812_000));
		assertThat(result.p99()).isEqualTo(Duration.ofNanos(10_420_000));
		assertThat(result.errors()).isEqualTo(7);
	}

}
