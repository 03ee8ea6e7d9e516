package dev.zdt.lab.cost;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CpuPinning}.
 *
 * @author zdt
 */
class CpuPinningTests {

	@Test
	void twoCpusGiveOneToTheAppsAndOneToWrk() {
		CpuPinning pinning = CpuPinning.of(2);
		assertThat(pinning.app((port, management) -> List.of("java", "-jar", "app.jar")).command(8080, 8081))
			.containsExactly("taskset", "-c", "1", "java", "-jar", "app.jar");
		assertThat(pinning.loadGenerator(List.of("wrk", "-c1"))).containsExactly("taskset", "-c", "0", "wrk", "-c1");
	}

	@Test
	void moreCpusGiveTheRestToWrk() {
		assertThat(CpuPinning.of(8)).isEqualTo(new CpuPinning("7", "0-6"));
	}

	@Test
	void oneCpuIsNotPinned() {
		CpuPinning pinning = CpuPinning.of(1);
		assertThat(pinning).isEqualTo(CpuPinning.NONE);
		assertThat(pinning.loadGenerator(List.of("wrk"))).containsExactly("wrk");
	}

}
