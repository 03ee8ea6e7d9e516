package dev.zdt.aws;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategies;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.TrafficQuietStrategy;
import dev.zdt.core.internal.Hold;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.elbv2.FakeElbv2Server.Fault;
import dev.zdt.testsupport.logging.CapturingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ALB strategy as the starter composes it ({@code aws-target-health>adaptive}): the
 * real SDK client against a local ELBv2 endpoint, and requests from two load balancer
 * nodes (TCP sources) replayed on a controllable clock. The ALB's {@code draining} says
 * the nodes are about to stop; each node's own traffic says when it did.
 */
class TargetHealthWithTrafficTests {

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-default-sample-6b2a4c/73e2d6bc24d8a067";

	private static final String IP = "192.0.2.15";

	private static final int PORT = 8080;

	/** The node in this zone: most of the traffic, stops as the target turns draining. */
	private static final String BUSY_NODE = "10.0.1.10";

	/** A node in another zone: little traffic, learns of the deregistration late. */
	private static final String LATE_NODE = "10.0.2.10";

	private static final HoldBounds BOUNDS = new HoldBounds(Duration.ZERO, Duration.ofSeconds(60),
			Duration.ofMillis(100));

	private static final Duration MARGIN = Duration.ofSeconds(5);

	private static final double DRAIN_AT = 300;

	private static final double SECOND = 1e9;

	private final ManualTicker ticker = new ManualTicker();

	private final long origin = this.ticker.nanos();

	private final TrafficMonitor traffic = new TrafficMonitor(this.ticker);

	private final CapturingLogger logger = new CapturingLogger();

	private final Random random = new Random(23);

	private final List<Arrival> arrivals = new ArrayList<>();

	// The target's state in the fake ELBv2 API from a time on, by that time in seconds.
	private final TreeMap<Double, String> targetStates = new TreeMap<>();

	private int replayed;

	private FakeElbv2Server elb;

	private ElasticLoadBalancingV2Client client;

	private TargetHealthStrategy loadBalancer;

	@BeforeEach
	void startFakeElb() throws IOException {
		this.elb = FakeElbv2Server.start();
		this.elb.targetGroup(ARN, Duration.ofSeconds(300)).targetState(ARN, IP, PORT, "healthy");
		this.client = Elbv2Clients.client(this.elb.endpoint());
		this.loadBalancer = TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(ARN)))
			.targetIp(IP)
			.targetPort(PORT)
			.pollInterval(Duration.ofSeconds(2))
			.propagationMargin(MARGIN)
			// The polling rules of TargetHealthPollingTests aside: first poll at once, no
			// jitter.
			.firstPollDelay(Duration.ZERO)
			.random(() -> 0.5)
			.ticker(this.ticker)
			// Generous: the machine running the tests may be busy.
			.callTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20))
			.executor(Runnable::run)
			.logger(this.logger)
			.build();
		// The hold moves time: the requests due by then arrive at once.
		this.ticker.onSleep((now) -> deliverUntil((now - this.origin) / SECOND, false));
	}

	@AfterEach
	void stopFakeElb() {
		this.client.close();
		this.elb.close();
	}

	@Test
	void aNodeStillSendingWhenTheMarginRunsOutKeepsTheHoldUntilItsSilenceIsAccepted() {
		// The target turns draining 4 s into the hold, and the poll at 4 s sees it; the
		// busy node stops there, the late node (4 req/s) routes until 8 s after.
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 4);
		poisson(LATE_NODE, 4, 0, DRAIN_AT + 12);
		this.targetStates.put(DRAIN_AT + 4, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		Duration lastOfLateNode = lastArrivalInHold(LATE_NODE);
		assertThat(lastOfLateNode).isGreaterThan(Duration.ofSeconds(11));
		// At 4 req/s a silence shorter than ln(10^6) / 4 s = 3.45 s is no evidence.
		assertThat(outcome.held()).isGreaterThanOrEqualTo(lastOfLateNode.plusMillis(3450));
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.detail()).contains("aws-target-health saw the load balancer let go at 4.000s");
	}

	@Test
	void busyTrafficEndsTheHoldOnceEveryNodeIsQuietAfterDrainingBeforeTheMarginRunsOut() {
		// Draining at 3 s, seen by the poll at 4 s; both nodes stop at 3.5 s.
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 3.5);
		poisson(LATE_NODE, 40, 0, DRAIN_AT + 3.5);
		this.targetStates.put(DRAIN_AT + 3, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(4))
			.isLessThan(Duration.ofMillis(4000).plus(MARGIN));
		assertThat(outcome.held()).isLessThanOrEqualTo(lastArrivalInHold(BUSY_NODE).plusMillis(1500));
		assertThat(outcome.detail()).contains("each of 2 source(s) quiet for its own window")
			.contains("aws-target-health saw the load balancer let go at 4.000s");
	}

	@Test
	void busyTrafficFallingSilentBetweenTwoPollsIsAskedAboutAtOnce() {
		// Draining and both nodes stopping at 2.1 s, just after the poll at 2 s: the
		// next one is due at 4 s, but the silence is reason to ask sooner.
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 2.1);
		poisson(LATE_NODE, 40, 0, DRAIN_AT + 2.1);
		this.targetStates.put(DRAIN_AT + 2.1, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.held()).isLessThanOrEqualTo(lastArrivalInHold(BUSY_NODE).plusMillis(1500));
	}

	@Test
	void withoutTrafficToJudgeByTheMarginEndsTheHold() {
		this.targetStates.put(DRAIN_AT + 3, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(4).plus(MARGIN));
	}

	@Test
	void atLowTrafficTheHoldEndsNoLaterThanTheMarginWhenNoNodeSendsAfterDraining() {
		poisson(BUSY_NODE, 3, 0, DRAIN_AT + 3);
		this.targetStates.put(DRAIN_AT + 3, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(4))
			.isLessThanOrEqualTo(Duration.ofSeconds(4).plus(MARGIN));
	}

	@Test
	void neverEndsBeforeTheLoadBalancerReportsDrainingWhileItsApiAnswers() {
		// Every node has been quiet for 9 s by the time the target turns draining.
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 1);
		poisson(LATE_NODE, 40, 0, DRAIN_AT + 1);
		this.targetStates.put(DRAIN_AT + 10, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		// The silence from 1 s moves the polls off the 2 s grid (one is asked at once):
		// the first poll at or after 10 s sees draining.
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(10))
			.isLessThanOrEqualTo(Duration.ofSeconds(12));
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		// One silence, one poll more than the 2 s grid would make (0, 2, ... 10 s).
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isLessThanOrEqualTo(7);
	}

	@Test
	void aThrottledPollIsALaterAnswerNotALicenceForTheTrafficToEndTheHoldBeforeDraining() {
		// Only the hold's first poll is throttled; the API answers every later one.
		AtomicInteger describeCalls = new AtomicInteger();
		this.elb.admission((request) -> !"DescribeTargetHealth".equals(request.get("Action"))
				|| describeCalls.incrementAndGet() > 1);
		// The traffic's silence is long enough from the start of the hold.
		poisson(BUSY_NODE, 600, 0, DRAIN_AT - 5);
		poisson(LATE_NODE, 40, 0, DRAIN_AT - 5);
		this.targetStates.put(DRAIN_AT + 10, "draining");
		HoldOutcome outcome = holdFromDrainAt();
		assertThat(outcome.held()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
		assertThat(describeCalls).hasValueGreaterThan(1);
	}

	@Test
	void whileTheApiFailsTheTrafficDecidesAsBefore() {
		this.elb.fail(Fault.SERVICE_UNAVAILABLE);
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 2);
		poisson(LATE_NODE, 40, 0, DRAIN_AT + 2);
		HoldOutcome outcome = holdFromDrainAt();
		assertThat(outcome.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(outcome.held()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
		assertThat(outcome.detail()).endsWith("aws-target-health does not answer");
	}

	@Test
	void aDrainStartedAgainAfterACancelWaitsForItsOwnDraining() {
		// First drain: draining at 3 s, everything quiet from 3.5 s.
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 3.5);
		this.targetStates.put(DRAIN_AT + 3, "draining");
		HoldOutcome first = holdFromDrainAt();
		assertThat(first.reason()).isEqualTo(TrafficQuietStrategy.REASON);
		// Cancelled: the target is back in service and takes traffic for five minutes;
		// the second drain's traffic stops at once, but the target turns draining only
		// 10 s in.
		double secondDrainAt = DRAIN_AT + 310;
		this.targetStates.put(DRAIN_AT + 5, "healthy");
		poisson(BUSY_NODE, 600, DRAIN_AT + 6, secondDrainAt);
		this.targetStates.put(secondDrainAt + 10, "draining");
		replayUntil(secondDrainAt);
		HoldOutcome second = hold();
		assertThat(second.held()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void statusNamesTheNodeStillSendingAfterTheLoadBalancerLetGo() {
		poisson(BUSY_NODE, 600, 0, DRAIN_AT + 4);
		poisson(LATE_NODE, 4, 0, DRAIN_AT + 12);
		this.targetStates.put(DRAIN_AT + 4, "draining");
		replayUntil(DRAIN_AT);
		Hold hold = new Hold(awsThenAdaptive(), BOUNDS, this.traffic, this.ticker);
		HoldEvaluator evaluator = awsThenAdaptive().start(hold.context());
		for (int tenth = 0; tenth <= 100; tenth++) {
			replayUntil(DRAIN_AT + tenth / 10.0);
			assertThat(evaluator.evaluate(hold.context()).isRelease()).isFalse();
		}
		Map<String, Object> evidence = evaluator.evidence(hold.context());
		assertThat(evidence).containsEntry("aws-target-health.letGoSeenAtMs", 4000L)
			.containsEntry("propagationMarginEndsAtMs", 9000L)
			.containsEntry("sourcesSendingAfterLetGo", List.of(LATE_NODE));
	}

	private HoldStrategy awsThenAdaptive() {
		return HoldStrategies.preferring(this.loadBalancer, this.loadBalancer::isAnswering, new TrafficQuietStrategy(
				Duration.ofSeconds(1), TrafficQuietStrategy.DEFAULT_FALSE_RELEASE_PROBABILITY));
	}

	private HoldOutcome holdFromDrainAt() {
		replayUntil(DRAIN_AT);
		return hold();
	}

	private HoldOutcome hold() {
		return new Hold(awsThenAdaptive(), BOUNDS, this.traffic, this.ticker).run();
	}

	private Duration lastArrivalInHold(String source) {
		double last = this.arrivals.stream()
			.filter((arrival) -> arrival.source().equals(source) && arrival.at() >= DRAIN_AT)
			.mapToDouble(Arrival::at)
			.max()
			.orElseThrow();
		return Duration.ofNanos((long) ((last - DRAIN_AT) * SECOND));
	}

	private void poisson(String source, double rate, double from, double to) {
		for (double at = from; at < to; at += -Math.log(1 - this.random.nextDouble()) / rate) {
			this.arrivals.add(new Arrival(at, source));
		}
		this.arrivals.sort(Comparator.comparingDouble(Arrival::at));
	}

	/**
	 * Moves time to the given second, if it is later, sending the requests due on the
	 * way, and gives the target the state due then.
	 */
	private void replayUntil(double until) {
		deliverUntil(until, true);
	}

	private void deliverUntil(double until, boolean moveTime) {
		while (this.replayed < this.arrivals.size() && this.arrivals.get(this.replayed).at() <= until) {
			Arrival arrival = this.arrivals.get(this.replayed++);
			if (moveTime) {
				moveTo(arrival.at());
			}
			this.traffic.requestStarted(arrival.source());
			this.traffic.requestFinished();
		}
		if (moveTime) {
			moveTo(until);
		}
		Map.Entry<Double, String> state = this.targetStates.floorEntry(until);
		if (state != null) {
			this.elb.targetState(ARN, IP, PORT, state.getValue());
		}
	}

	private void moveTo(double at) {
		long target = this.origin + (long) (at * SECOND);
		long now = this.ticker.nanos();
		if (target > now) {
			this.ticker.advance(Duration.ofNanos(target - now));
		}
	}

	private record Arrival(double at, String source) {

	}

}
