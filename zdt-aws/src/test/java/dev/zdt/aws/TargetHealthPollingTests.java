package dev.zdt.aws;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.elbv2.FakeElbv2Server.Fault;
import dev.zdt.testsupport.logging.CapturingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the polling rules of {@link TargetHealthStrategy} that keep a fleet of pods
 * within the account's ELBv2 rate limit (issue 23): the real SDK client against a local
 * ELBv2 endpoint, on a clock moved by hand, with the jitter chosen by the test.
 */
class TargetHealthPollingTests {

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-default-sample-6b2a4c/73e2d6bc24d8a067";

	private static final String IP = "192.0.2.15";

	private static final int PORT = 8080;

	private static final Duration STEP = Duration.ofMillis(100);

	private final ManualTicker ticker = new ManualTicker();

	private final CapturingLogger logger = new CapturingLogger();

	private FakeElbv2Server elb;

	private ElasticLoadBalancingV2Client client;

	private Duration now = Duration.ZERO;

	@BeforeEach
	void startFakeElb() throws IOException {
		this.elb = FakeElbv2Server.start();
		this.elb.targetGroup(ARN, Duration.ofSeconds(300)).targetState(ARN, IP, PORT, "draining");
		this.client = Elbv2Clients.client(this.elb.endpoint());
	}

	@AfterEach
	void stopFakeElb() {
		this.client.close();
		this.elb.close();
	}

	@Test
	void noPollBeforeTheLoadBalancerCanPlausiblyReportTheTargetDraining() {
		// The defaults, as the starter builds it: first poll at 3 s ± 50 %.
		HoldEvaluator hold = TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(ARN)))
			.targetIp(IP)
			.targetPort(PORT)
			.callTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20))
			.executor(Runnable::run)
			.logger(this.logger)
			.build()
			.start(at(Duration.ZERO));
		advanceTo(hold, Duration.ofMillis(1500));
		assertThat(describeCalls()).as("calls in the first 1.4 s of the hold").isZero();
		advanceTo(hold, Duration.ofMillis(4600));
		assertThat(describeCalls()).isOne();
	}

	@Test
	void firstPollGoesOutAtTheFirstPollDelay() {
		HoldEvaluator hold = strategy(() -> 0.5).build().start(at(Duration.ZERO));
		advanceTo(hold, Duration.ofSeconds(3));
		assertThat(describeCalls()).isZero();
		advanceTo(hold, Duration.ofMillis(3100));
		assertThat(describeCalls()).isOne();
	}

	@Test
	void firstPollIsSpreadOverHalfToOneAndAHalfTimesTheDelaySoAFleetDoesNotAskAtOnce() {
		assertThat(firstPollAt(() -> 0.0)).isEqualTo(Duration.ofMillis(1500));
		assertThat(firstPollAt(() -> 0.999)).isEqualTo(Duration.ofMillis(4500));
	}

	@Test
	void firstPollComesNoLaterThanHalfTheDeregistrationDelay() {
		this.elb.targetGroup(ARN, Duration.ofSeconds(2));
		TargetHealthStrategy strategy = strategy(() -> 0.5).build();
		strategy.prepare();
		assertThat(strategy.deregistrationDelay(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(2));
		HoldEvaluator hold = strategy.start(at(Duration.ZERO));
		advanceTo(hold, Duration.ofMillis(1100));
		assertThat(describeCalls()).isOne();
	}

	@Test
	void pollsAreSpacedByTheJitteredInterval() {
		this.elb.targetState(ARN, IP, PORT, "healthy");
		HoldEvaluator hold = strategy(() -> 0.0).build().start(at(Duration.ZERO));
		// First poll at 1.5 s, then one every 1 s (half the 2 s interval).
		advanceTo(hold, Duration.ofMillis(4600));
		assertThat(describeCalls()).isEqualTo(4);
	}

	@Test
	void holdMakesNoMoreThanTheMostPollsAndKeepsHolding() {
		this.elb.targetState(ARN, IP, PORT, "healthy");
		TargetHealthStrategy strategy = strategy(() -> 0.5).maxPollsPerHold(4).build();
		HoldEvaluator hold = strategy.start(at(Duration.ZERO));
		assertThat(advanceTo(hold, Duration.ofSeconds(30))).isNull();
		assertThat(describeCalls()).isEqualTo(4);
		assertThat(strategy.details()).containsEntry("holdPolls", 4)
			.hasEntrySatisfying("holdStoppedAsking",
					(why) -> assertThat(why).asString().contains("the most polls a hold may make (4)"));
	}

	@Test
	void throttledPollDelaysEveryNextCallOfTheProcessByAFullJitterBackoff() {
		this.elb.fail(Fault.THROTTLING);
		TargetHealthStrategy strategy = strategy(() -> 0.9).throttleRetries(3).build();
		HoldEvaluator hold = strategy.start(at(Duration.ZERO));
		// First poll at 3 s × 1.4 = 4.2 s, throttled: the next may go out after
		// 0.9 × 2 s × 2 = 3.6 s, later than the jittered interval of 2.8 s.
		advanceTo(hold, Duration.ofMillis(7800));
		assertThat(describeCalls()).isOne();
		advanceTo(hold, Duration.ofMillis(7900));
		assertThat(describeCalls()).isEqualTo(2);
		// Throttled again at 7.8 s: 0.9 × 2 s × 4 = 7.2 s, for every hold of the process.
		HoldEvaluator another = strategy.start(at(Duration.ZERO));
		another.evaluate(at(Duration.ofSeconds(10)));
		advanceTo(hold, Duration.ofMillis(14900));
		another.evaluate(at(Duration.ofSeconds(17)));
		assertThat(describeCalls()).as("calls during the back-off").isEqualTo(2);
		advanceTo(hold, Duration.ofMillis(15100));
		assertThat(describeCalls()).isEqualTo(3);
	}

	@Test
	void holdStopsAskingAfterThrottledPollsInARowAndNeverReleasesWithoutTheLoadBalancersWord() {
		this.elb.fail(Fault.THROTTLING);
		TargetHealthStrategy strategy = strategy(() -> 0.5).build();
		HoldEvaluator hold = strategy.start(at(Duration.ZERO));
		assertThat(advanceTo(hold, Duration.ofSeconds(60))).isNull();
		assertThat(describeCalls()).isEqualTo(2);
		assertThat(strategy.details()).containsEntry("holdPolls", 2)
			.containsEntry("holdCalls", 2L)
			.containsEntry("holdThrottledCalls", 2L)
			.containsEntry("throttledCalls", 2L)
			.hasEntrySatisfying("holdStoppedAsking",
					(why) -> assertThat(why).asString().contains("throttled 2 polls in a row"));
		assertThat(this.logger.messages(Level.INFO)).anySatisfy((line) -> assertThat(line).contains("stops asking"));
	}

	@Test
	void answerBetweenThrottledPollsStartsTheCountOver() {
		this.elb.targetState(ARN, IP, PORT, "healthy");
		this.elb.fail(Fault.THROTTLING);
		TargetHealthStrategy strategy = strategy(() -> 0.5).throttleRetries(3).build();
		HoldEvaluator hold = strategy.start(at(Duration.ZERO));
		advanceTo(hold, Duration.ofMillis(5100));
		assertThat(describeCalls()).isEqualTo(2);
		this.elb.clearFault();
		advanceTo(hold, Duration.ofMillis(9100));
		assertThat(describeCalls()).isEqualTo(3);
		this.elb.fail(Fault.THROTTLING);
		advanceTo(hold, Duration.ofMillis(13100));
		assertThat(describeCalls()).isEqualTo(5);
		assertThat(strategy.details()).doesNotContainKey("holdStoppedAsking");
		this.elb.clearFault();
		this.elb.targetState(ARN, IP, PORT, "draining");
		Duration released = advanceTo(hold, Duration.ofSeconds(60));
		assertThat(released).isNotNull();
		assertThat(strategy.drainingSeenAt()).isNotNull();
		assertThat(released).isEqualTo(strategy.drainingSeenAt().plusSeconds(5));
	}

	private Duration firstPollAt(DoubleSupplier random) {
		long before = describeCalls();
		this.now = Duration.ZERO;
		HoldEvaluator hold = strategy(random).build().start(at(Duration.ZERO));
		Duration evaluatedAt = this.now;
		while (describeCalls() == before) {
			evaluatedAt = this.now;
			step(hold);
		}
		return evaluatedAt;
	}

	/**
	 * Evaluates the hold every 100 ms up to the given time, moving the clock along.
	 * @return when it released, or {@code null}
	 */
	private Duration advanceTo(HoldEvaluator hold, Duration until) {
		while (this.now.compareTo(until) < 0) {
			if (step(hold)) {
				return this.now;
			}
		}
		return null;
	}

	private boolean step(HoldEvaluator hold) {
		HoldDecision decision = hold.evaluate(at(this.now));
		if (decision.isRelease()) {
			return true;
		}
		this.now = this.now.plus(STEP);
		this.ticker.advance(STEP);
		return false;
	}

	private long describeCalls() {
		return this.elb.requestCount("DescribeTargetHealth");
	}

	private TargetHealthStrategyBuilder strategy(DoubleSupplier random) {
		return TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(ARN)))
			.targetIp(IP)
			.targetPort(PORT)
			.random(random)
			.ticker(this.ticker)
			// Generous: the machine running the tests may be busy.
			.callTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20))
			.executor(Runnable::run)
			.logger(this.logger);
	}

	private static HoldContext at(Duration elapsed) {
		return new HoldContext(elapsed, 0, 0, Duration.ZERO, elapsed);
	}

}
