package dev.zdt.lab.cost;

import java.time.Duration;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CostReport}.
 *
 * @author zdt
 */
class CostReportTests {

	@Test
	void throughputGoalUsesTheWorseOfRatioOfMediansAndMedianOfPairedRuns() {
		CostVariant with = variant("with", List.of(run(990, 0.2), run(1000, 0.2), run(1200, 0.2)));
		CostVariant without = variant("without", List.of(run(1000, 0.2), run(1000, 0.2), run(1000, 0.2)));
		CostReport report = new CostReport(with, without, 1, Duration.ofSeconds(10), CpuPinning.NONE);
		assertThat(report.ratioOfMedians()).isEqualTo(1.0);
		assertThat(report.medianOfPairedRatios()).isEqualTo(1.0);
		assertThat(report.throughputGoalMet()).isTrue();

		CostVariant slower = variant("with", List.of(run(980, 0.2), run(985, 0.2), run(1100, 0.2)));
		CostReport missed = new CostReport(slower, without, 1, Duration.ofSeconds(10), CpuPinning.NONE);
		assertThat(missed.ratioOfMedians()).isEqualTo(0.985);
		assertThat(missed.throughputGoalMet()).isFalse();
	}

	@Test
	void latencyGoalComparesMedianP99OfOneConnectionRuns() {
		CostVariant without = variant("without", List.of(run(1000, 0.200)));
		without.latency().addAll(List.of(run(5000, 0.200), run(5000, 0.210), run(5000, 0.900)));
		CostVariant close = variant("with", List.of(run(1000, 9.0)));
		close.latency().addAll(List.of(run(5000, 0.250), run(5000, 0.300), run(5000, 0.310)));
		CostReport met = new CostReport(close, without, 1, Duration.ofSeconds(10), CpuPinning.NONE);
		assertThat(met.p99DifferenceMillis()).isCloseTo(0.09, Offset.offset(1e-9));
		assertThat(met.latencyGoalMet()).isTrue();
		assertThat(met.markdown()).contains("| p99 within 0.1 ms (one connection) | +0.090 ms | yes |");

		CostVariant far = variant("with", List.of(run(1000, 0.2)));
		far.latency().addAll(List.of(run(5000, 0.400), run(5000, 0.400), run(5000, 0.400)));
		CostReport missed = new CostReport(far, without, 1, Duration.ofSeconds(10), CpuPinning.NONE);
		assertThat(missed.latencyGoalMet()).isFalse();
		assertThat(missed.markdown()).contains("+0.190 ms | **no** |");
	}

	private static CostVariant variant(String name, List<WrkResult> throughput) {
		CostVariant variant = new CostVariant(name, name, List.of());
		variant.throughput().addAll(throughput);
		return variant;
	}

	private static WrkResult run(double requestsPerSecond, double p99Millis) {
		return new WrkResult(requestsPerSecond, Duration.ofNanos((long) (p99Millis * 1e6 / 2)),
				Duration.ofNanos(Math.round(p99Millis * 1e6)), 0);
	}

}
