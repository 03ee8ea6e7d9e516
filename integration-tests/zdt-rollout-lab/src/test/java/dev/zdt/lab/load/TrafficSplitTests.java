package dev.zdt.lab.load;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TrafficSplit}: how requests are spread over load balancer nodes.
 *
 * @author zdt
 */
class TrafficSplitTests {

	private final TrafficSplit split = new TrafficSplit(
			List.of(new TrafficSplit.Node("lb-node-1", 8001, 99), new TrafficSplit.Node("lb-node-2", 8002, 1)));

	@Test
	void eachNodeGetsTheShareOfTheUnitIntervalItsWeightSays() {
		assertThat(this.split.pick(0.0)).isZero();
		assertThat(this.split.pick(0.9899)).isZero();
		assertThat(this.split.pick(0.99)).isEqualTo(1);
		assertThat(this.split.pick(0.999999)).isEqualTo(1);
	}

	@Test
	void requestsSplitByTheWeights() {
		SplittableRandom random = new SplittableRandom(7);
		int[] counts = new int[2];
		for (int i = 0; i < 100_000; i++) {
			counts[this.split.pick(random.nextDouble())]++;
		}
		// 1 % of 100,000 is 1,000 with a standard deviation of about 31.
		assertThat(counts[1]).isBetween(850, 1150);
		assertThat(counts[0] + counts[1]).isEqualTo(100_000);
	}

	@Test
	void aSingleNodeGetsEverything() {
		TrafficSplit single = TrafficSplit.single(8080);
		assertThat(single.multiple()).isFalse();
		assertThat(single.pick(0.5)).isZero();
		assertThat(this.split.multiple()).isTrue();
	}

	@Test
	void aNodeWithoutWeightIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrafficSplit.Node("lb-node-2", 8002, 0))
			.withMessageContaining("lb-node-2");
	}

}
