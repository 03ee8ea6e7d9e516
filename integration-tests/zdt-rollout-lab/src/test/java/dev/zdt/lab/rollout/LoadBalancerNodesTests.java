package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoadBalancerNodes}: the command line's layout of several load balancer
 * nodes.
 *
 * @author zdt
 */
class LoadBalancerNodesTests {

	@Test
	void parsesTheIssuesLayoutOfABusyNodeAndAQuietLateOne() {
		LoadBalancerNodes nodes = LoadBalancerNodes.parse(2, "99:1", "0,6-10");
		assertThat(nodes.count()).isEqualTo(2);
		assertThat(nodes.multiple()).isTrue();
		assertThat(nodes.weights()).containsExactly(99.0, 1.0);
		assertThat(nodes.extraLags()).containsExactly(LagRange.parse("0"), LagRange.parse("6-10"));
		assertThat(nodes.name(0)).isEqualTo("lb-node-1");
		assertThat(nodes.name(1)).isEqualTo("lb-node-2");
		assertThat(nodes.describe()).isEqualTo("2 LB nodes (split 99:1, stop +0 / +6–10 s after draining)");
	}

	@Test
	void eachOfSeveralNodesReachesThePodsFromItsOwnLoopbackAddressAndASingleNodeFromTheDefault() {
		LoadBalancerNodes nodes = LoadBalancerNodes.parse(3, "", "");
		assertThat(List.of(nodes.sourceAddress(0), nodes.sourceAddress(1), nodes.sourceAddress(2)))
			.containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
		assertThat(LoadBalancerNodes.single().sourceAddress(0)).isNull();
		assertThat(LoadBalancerNodes.single().multiple()).isFalse();
	}

	@Test
	void withoutSplitAndLagsTheTrafficIsEvenAndEveryNodeStopsAtDraining() {
		LoadBalancerNodes nodes = LoadBalancerNodes.parse(2, "", "");
		assertThat(nodes.weights()).containsExactly(1.0, 1.0);
		assertThat(nodes.drawExtraLags(new Random(1))).containsExactly(Duration.ZERO, Duration.ZERO);
		assertThat(nodes.lagLabel()).isEqualTo("+0 / +0 s");
	}

	@Test
	void eachNodesExtraLagIsDrawnFromItsOwnRange() {
		LoadBalancerNodes nodes = LoadBalancerNodes.parse(2, "160:1", "0,6-10");
		Random random = new Random(23);
		for (int i = 0; i < 1000; i++) {
			List<Duration> lags = nodes.drawExtraLags(random);
			assertThat(lags.get(0)).isZero();
			assertThat(lags.get(1)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(10));
		}
	}

	@Test
	void badLayoutsAreRejectedNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerNodes.parse(0, "", ""))
			.withMessageContaining("--lb-nodes");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerNodes.parse(2, "99", ""))
			.withMessageContaining("--lb-nodes 2 needs 2 values in --node-split (99)");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerNodes.parse(2, "99:x", ""))
			.withMessageContaining("--node-split");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerNodes.parse(2, "1:0", ""))
			.withMessageContaining("--node-split must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerNodes.parse(2, "", "0,six"))
			.withMessageContaining("--node-lag");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerNodes.parse(2, "", "0"))
			.withMessageContaining("--node-lag (0)");
	}

	@Test
	void theLagLabelOfARunNamesTheNodesOnlyWhenThereAreSeveral() {
		RunSpec spec = RunSpec.of(Scenario.ZDT_AWS).withLag(LagRange.parse("3-6"));
		assertThat(spec.lagLabel()).isEqualTo("3–6 s");
		assertThat(spec.withNodes(LoadBalancerNodes.parse(2, "160:1", "0,5-10")).lagLabel())
			.isEqualTo("3–6 s; LB nodes 160:1 stop +0 / +5–10 s");
	}

}
