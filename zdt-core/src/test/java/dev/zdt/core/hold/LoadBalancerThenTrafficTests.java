package dev.zdt.core.hold;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zdt.core.traffic.TrafficHistory;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HoldStrategies#preferring} once the load balancer has let go: the traffic of
 * each source (load balancer node) may end the hold before the authority's margin, and a
 * source still sending keeps it past that margin. Contexts are built by hand: a busy node
 * ({@value #BUSY}, 600 req/s, whose silence the rule accepts after 1 s) and a quiet one
 * ({@value #QUIET}, 4 req/s with silences of up to 1.8 s before the drain: 4.36 s).
 */
class LoadBalancerThenTrafficTests {

	private static final String BUSY = "10.0.1.10";

	private static final String QUIET = "10.0.2.10";

	private static final Duration LET_GO = Duration.ofSeconds(4);

	private static final Duration MARGIN = Duration.ofSeconds(5);

	private static final TrafficHistory BUSY_HISTORY = new TrafficHistory(Duration.ofMinutes(5), Duration.ofMillis(50),
			300, 600);

	private static final TrafficHistory QUIET_HISTORY = new TrafficHistory(Duration.ofMinutes(5),
			Duration.ofMillis(1800), 300, 4);

	private final TrafficQuietStrategy traffic = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	private final LoadBalancer loadBalancer = new LoadBalancer();

	private final HoldEvaluator hold = HoldStrategies.preferring(this.loadBalancer, () -> true, this.traffic)
		.start(at(0, Map.of()));

	@Test
	void busyNodesQuietAfterLetGoEndTheHoldBeforeTheMarginRunsOut() {
		Map<String, Double> lastRequests = Map.of(BUSY, 3.5, QUIET, 3.9);
		assertThat(this.hold.evaluate(at(3.9, lastRequests)).isRelease()).as("before let go").isFalse();
		this.loadBalancer.letGoAt = LET_GO;
		assertThat(this.hold.evaluate(at(4.4, lastRequests)).isRelease()).as("busy node not yet quiet for 1 s")
			.isFalse();
		HoldDecision decision = this.hold.evaluate(at(8.3, lastRequests));
		assertThat(decision.releaseReason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(decision.detail()).endsWith("; lb saw the load balancer let go at 4.000s");
	}

	@Test
	void theMarginEndsTheHoldWhenNoNodeSentAfterLetGo() {
		// The quiet node's last request, at 3.9 s, came before the load balancer was seen
		// letting go: no evidence that it still routes, though the traffic's rule would
		// wait for its window (silences of up to 3 s before the drain: 7.26 s).
		this.loadBalancer.letGoAt = LET_GO;
		TrafficHistory slower = new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(3), 300, 4);
		assertThat(this.hold.evaluate(aggregate(8.9, 3.9, Map.of(QUIET, source(8.9, 4, 3.9, slower)))).isRelease())
			.isFalse();
		HoldDecision decision = this.hold.evaluate(aggregate(9, 3.9, Map.of(QUIET, source(9, 4, 3.9, slower))));
		assertThat(decision.releaseReason()).isEqualTo("lb");
		assertThat(decision.detail()).contains("no source that sent after that still sends");
	}

	@Test
	void aNodeThatSentAfterLetGoKeepsTheHoldPastTheMarginUntilItsSilenceIsAccepted() {
		this.loadBalancer.letGoAt = LET_GO;
		Map<String, Double> lastRequests = Map.of(BUSY, 3.5, QUIET, 12.0);
		assertThat(this.hold.evaluate(at(9, Map.of(BUSY, 3.5, QUIET, 8.8))).isRelease()).isFalse();
		assertThat(this.hold.evaluate(at(16.3, lastRequests)).isRelease()).isFalse();
		HoldDecision decision = this.hold.evaluate(at(16.4, lastRequests));
		assertThat(decision.releaseReason()).isEqualTo(TrafficQuietStrategy.REASON);
	}

	@Test
	void pastTheMarginOnlyTheNodesThatSentAfterLetGoAreWaitedFor() {
		// A node without requests after let go, whose own window (3 x 8 s) the traffic's
		// rule still waits for, does not keep the hold past the margin; the one that did
		// send keeps it until its silence is accepted, and the release says so.
		this.loadBalancer.letGoAt = LET_GO;
		Map<String, HoldContext> sources = new LinkedHashMap<>();
		sources.put(QUIET, source(10, 4, 8.0, QUIET_HISTORY));
		sources.put("10.0.3.10",
				source(10, 0.5, 3.0, new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(8), 100, 0.5)));
		assertThat(this.hold.evaluate(aggregate(10, 8.0, sources)).isRelease()).isFalse();
		assertThat(this.hold.evidence(aggregate(10, 8.0, sources))).containsEntry("lb.letGoSeenAtMs", 4000L)
			.containsEntry("sourcesSendingAfterLetGo", List.of(QUIET))
			.hasEntrySatisfying("sourcesStillSending",
					(sending) -> assertThat(sending).asInstanceOf(InstanceOfAssertFactories.LIST)
						.containsExactlyInAnyOrder(QUIET, "10.0.3.10"));
		sources.put(QUIET, source(12.4, 4, 8.0, QUIET_HISTORY));
		sources.put("10.0.3.10",
				source(12.4, 0.5, 3.0, new TrafficHistory(Duration.ofMinutes(5), Duration.ofSeconds(8), 100, 0.5)));
		HoldDecision decision = this.hold.evaluate(aggregate(12.4, 8.0, sources));
		assertThat(decision.releaseReason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(decision.detail()).startsWith("source(s) [" + QUIET
				+ "] sent after lb saw the load balancer let go at 4.000s and kept the hold past its release (lb)");
	}

	@Test
	void aNodeThatSentAfterLetGoWithNothingToJudgeItByKeepsTheHoldToTheMaximum() {
		// No history before the drain: the traffic cannot tell a pause from the end.
		this.loadBalancer.letGoAt = LET_GO;
		Map<String, HoldContext> sources = Map.of(QUIET, source(29, 0, 5.0, TrafficHistory.none()));
		HoldContext context = new HoldContext(Duration.ofSeconds(29), 0, 3, Duration.ofSeconds(5),
				Duration.ofSeconds(24), TrafficHistory.none(), sources);
		assertThat(this.hold.evaluate(context).isRelease()).isFalse();
		assertThat(this.hold.evidence(context)).containsEntry("sourcesSendingAfterLetGo", List.of(QUIET));
	}

	@Test
	void withoutKnownSourcesAllTrafficIsJudgedAsOne() {
		this.loadBalancer.letGoAt = LET_GO;
		HoldContext sending = new HoldContext(Duration.ofSeconds(9), 600, 3000, Duration.ofMillis(8900),
				Duration.ofMillis(100), BUSY_HISTORY);
		assertThat(this.hold.evaluate(sending).isRelease()).isFalse();
		assertThat(this.hold.evidence(sending)).containsEntry("sourcesSendingAfterLetGo", List.of("all traffic"));
		HoldContext quiet = new HoldContext(Duration.ofMillis(9900), 600, 3000, Duration.ofMillis(8900),
				Duration.ofSeconds(1), BUSY_HISTORY);
		assertThat(this.hold.evaluate(quiet).releaseReason()).isEqualTo(TrafficQuietStrategy.REASON);
	}

	@Test
	void anAuthorityThatCannotTellWhenItSawTheLoadBalancerLetGoDecidesAlone() {
		HoldEvaluator hold = HoldStrategies
			.preferring(HoldStrategy.stateless("lb", (context) -> HoldDecision.release("lb")), () -> true, this.traffic)
			.start(at(0, Map.of()));
		assertThat(hold.evaluate(at(9, Map.of(BUSY, 8.9))).releaseReason()).isEqualTo("lb");
	}

	private static HoldContext at(double elapsed, Map<String, Double> lastRequests) {
		Map<String, HoldContext> sources = new LinkedHashMap<>();
		lastRequests.forEach((address, last) -> sources.put(address, source(elapsed, BUSY.equals(address) ? 600 : 4,
				last, BUSY.equals(address) ? BUSY_HISTORY : QUIET_HISTORY)));
		double last = lastRequests.values().stream().mapToDouble(Double::doubleValue).max().orElse(-1);
		return aggregate(elapsed, last, sources);
	}

	private static HoldContext aggregate(double elapsed, double lastRequest, Map<String, HoldContext> sources) {
		Duration span = (lastRequest >= 0) ? seconds(lastRequest) : Duration.ZERO;
		return new HoldContext(seconds(elapsed), 604, 3000, span, seconds(elapsed - Math.max(0, lastRequest)),
				BUSY_HISTORY, sources);
	}

	private static HoldContext source(double elapsed, double rate, double lastRequest, TrafficHistory history) {
		return new HoldContext(seconds(elapsed), rate, 0, seconds(lastRequest), seconds(elapsed - lastRequest),
				history);
	}

	private static Duration seconds(double seconds) {
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	/**
	 * Lets go when told, and releases the margin after.
	 */
	private static final class LoadBalancer implements HoldStrategy, HoldEvaluator {

		volatile @Nullable Duration letGoAt;

		@Override
		public HoldEvaluator start(HoldContext context) {
			return this;
		}

		@Override
		public HoldDecision evaluate(HoldContext context) {
			Duration letGo = this.letGoAt;
			return (letGo != null && context.elapsed().compareTo(letGo.plus(MARGIN)) >= 0) ? HoldDecision.release("lb")
					: HoldDecision.keepHolding();
		}

		@Override
		public @Nullable Duration letGoSeenAt() {
			return this.letGoAt;
		}

		@Override
		public String name() {
			return "lb";
		}

	}

}
