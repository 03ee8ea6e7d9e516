package dev.zdt.testsupport.elbv2;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescribeTokenBucketTests {

	private final AtomicLong now = new AtomicLong();

	private final DescribeTokenBucket bucket = new DescribeTokenBucket(40, 10, this.now::get);

	@Test
	void answersABurstOfFortyThenThrottlesUntilRefilled() {
		int admitted = 0;
		for (int i = 0; i < 50; i++) {
			admitted += this.bucket.admit(describe()) ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(40);
		this.now.addAndGet(250_000_000L);
		assertThat(this.bucket.admit(describe())).isTrue();
		assertThat(this.bucket.admit(describe())).isTrue();
		assertThat(this.bucket.admit(describe())).isFalse();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		this.now.addAndGet(3_600_000_000_000L);
		int admitted = 0;
		for (int i = 0; i < 100; i++) {
			admitted += this.bucket.admit(describe()) ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(40);
	}

	@Test
	void letsMutatingCallsPass() {
		for (int i = 0; i < 40; i++) {
			this.bucket.admit(describe());
		}
		assertThat(this.bucket.admit(Map.of("Action", "DeregisterTargets"))).isTrue();
		assertThat(this.bucket.admit(describe())).isFalse();
	}

	private static Map<String, String> describe() {
		return Map.of("Action", "DescribeTargetHealth");
	}

}
