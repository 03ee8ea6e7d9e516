package dev.zdt.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategies;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.internal.Hold;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.elbv2.FakeElbv2Server.Fault;
import dev.zdt.testsupport.logging.CapturingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TargetHealthStrategy}: the real SDK client against a local ELBv2
 * endpoint.
 */
class TargetHealthStrategyTests {

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-default-sample-6b2a4c/73e2d6bc24d8a067";

	private static final String OTHER_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-default-other-1f3c7d/0f2e9a1b7c6d5e4f";

	private static final String IP = "192.0.2.15";

	private static final int PORT = 8080;

	private static final HoldBounds BOUNDS = new HoldBounds(Duration.ZERO, Duration.ofSeconds(60),
			Duration.ofMillis(100));

	private final ManualTicker ticker = new ManualTicker();

	private final long origin = this.ticker.nanos();

	private final CapturingLogger logger = new CapturingLogger();

	private FakeElbv2Server elb;

	private ElasticLoadBalancingV2Client client;

	@BeforeEach
	void startFakeElb() throws IOException {
		this.elb = FakeElbv2Server.start();
		this.elb.targetGroup(ARN, Duration.ofSeconds(300)).targetState(ARN, IP, PORT, "healthy");
		this.client = Elbv2Clients.client(this.elb.endpoint());
	}

	@AfterEach
	void stopFakeElb() {
		this.client.close();
		this.elb.close();
	}

	@Test
	void holdEndsThePropagationMarginAfterThePollThatSeesTheTargetDraining() {
		this.ticker.onSleep(drainAfter(Duration.ofSeconds(7)));
		HoldOutcome outcome = hold(strategy(ARN).build());
		// Polls at 0, 2, 4, 6 s see healthy; the poll at 8 s sees draining; 8 s + 5 s
		// margin.
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(13));
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(5);
		assertThat(this.logger.warnings()).isEmpty();
	}

	@Test
	void drainingSeenAtIsWhenTheHoldFirstSawTheTargetDrainingSoTheDeregistrationDelayCountsFromThere() {
		this.ticker.onSleep(drainAfter(Duration.ofSeconds(7)));
		TargetHealthStrategy strategy = strategy(ARN).build();
		assertThat(strategy.drainingSeenAt()).isNull();
		hold(strategy);
		assertThat(strategy.drainingSeenAt()).isEqualTo(Duration.ofSeconds(8));
		this.elb.targetState(ARN, IP, PORT, "healthy");
		strategy.start(at(Duration.ZERO)).evaluate(at(Duration.ZERO));
		assertThat(strategy.drainingSeenAt()).as("another hold starts over").isNull();
	}

	@Test
	void drainingSeenAtIsUnknownWhenTheTargetWasDeregisteredWithoutBeingSeenDraining() {
		this.ticker.onSleep((now) -> {
			if (elapsedSince(now).compareTo(Duration.ofSeconds(3)) >= 0) {
				this.elb.deregister(ARN, IP, PORT);
			}
		});
		TargetHealthStrategy strategy = strategy(ARN).build();
		assertThat(hold(strategy).reason()).isEqualTo(TargetHealthStrategy.DEREGISTERED);
		assertThat(strategy.drainingSeenAt()).isNull();
	}

	@Test
	void firstPollGoesOutAtOnceAndAsksForThisTarget() {
		this.elb.targetState(ARN, IP, PORT, "draining");
		HoldOutcome outcome = hold(strategy(ARN).propagationMargin(Duration.ZERO).build());
		assertThat(outcome.held()).isZero();
		assertThat(this.elb.requests()).singleElement()
			.satisfies((request) -> assertThat(request).containsEntry("Action", "DescribeTargetHealth")
				.containsEntry("TargetGroupArn", ARN)
				.containsEntry("Targets.member.1.Id", IP)
				.containsEntry("Targets.member.1.Port", "8080")
				.containsEntry("_signed", "true"));
	}

	@Test
	void targetSeenRegisteredThenNoLongerRegisteredEndsTheHoldAsDeregistered() {
		this.ticker.onSleep((now) -> {
			if (elapsedSince(now).compareTo(Duration.ofSeconds(3)) >= 0) {
				this.elb.deregister(ARN, IP, PORT);
			}
		});
		HoldOutcome outcome = hold(strategy(ARN).build());
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DEREGISTERED);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(4 + 5));
	}

	@Test
	void targetNeverSeenRegisteredIsAFaultNotARelease() {
		this.elb.deregister(ARN, IP, PORT);
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldOutcome outcome = hold(strategy);
		assertThat(outcome.reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(strategy.hasGivenUp()).isTrue();
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(2);
		assertThat(this.logger.warnings()).singleElement()
			.asString()
			.contains("is not registered in target group " + ARN)
			.contains("zdt.aws.target-ip");
		assertThat(this.logger.messages(System.Logger.Level.INFO)).isEmpty();
		assertThat(strategy.details()).containsEntry("active", false)
			.hasEntrySatisfying("fault", (fault) -> assertThat(fault).asString().contains("not registered"));
	}

	@Test
	void targetNeverSeenRegisteredLeavesTheDecisionToTheOtherStrategies() {
		this.elb.deregister(ARN, IP, PORT);
		HoldStrategy fallback = new FixedDelayStrategy(Duration.ofSeconds(20));
		HoldOutcome outcome = hold(HoldStrategies.firstOf(strategy(ARN).build(), fallback));
		assertThat(outcome.reason()).isEqualTo("delay");
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void ipv6TargetIsFoundWhateverTheSpellingOfItsAddress() {
		this.elb.targetState(ARN, "2001:db8::15", PORT, "draining");
		TargetHealthStrategy strategy = strategy(ARN).targetIp("2001:DB8:0:0::0015").build();
		HoldOutcome outcome = hold(strategy);
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(this.logger.warnings()).isEmpty();
	}

	@Test
	void targetRegisteredOnlyUnderAnotherPortIsFollowedToThatPort() {
		this.elb.deregister(ARN, IP, PORT);
		this.elb.targetState(ARN, IP, 8081, "healthy");
		this.ticker.onSleep((now) -> {
			if (elapsedSince(now).compareTo(Duration.ofSeconds(7)) >= 0) {
				this.elb.targetState(ARN, IP, 8081, "draining");
			}
		});
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldOutcome outcome = hold(strategy);
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(8 + 5));
		assertThat(strategy.hasGivenUp()).isFalse();
		assertThat(this.logger.warnings()).isEmpty();
		assertThat(this.logger.messages(System.Logger.Level.INFO)).anySatisfy(
				(message) -> assertThat(message).contains(ARN).contains("port 8081").contains("zdt.aws.target-port"));
		// Once found, the target group is asked about that port only.
		assertThat(this.elb.requests()).filteredOn((request) -> "DescribeTargetHealth".equals(request.get("Action")))
			.filteredOn((request) -> request.get("Targets.member.1.Port") == null)
			.hasSize(1);
	}

	@Test
	void targetRegisteredUnderSeveralOtherPortsIsAFaultNotARelease() {
		this.elb.deregister(ARN, IP, PORT);
		this.elb.targetState(ARN, IP, 8081, "healthy");
		this.elb.targetState(ARN, IP, 8082, "healthy");
		TargetHealthStrategy strategy = strategy(ARN).propagationMargin(Duration.ZERO).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		assertThat(evaluator.evaluate(at(Duration.ZERO))).isEqualTo(HoldDecision.keepHolding());
		assertThat(strategy.hasGivenUp()).isTrue();
		assertThat(this.logger.warnings()).singleElement()
			.asString()
			.contains(IP + ":8081")
			.contains(IP + ":8082")
			.contains("zdt.aws.target-port");
	}

	@Test
	void holdWaitsUntilEveryTargetGroupHasLetGoEvenWhenTheyRouteToDifferentPorts() {
		this.elb.targetGroup(OTHER_ARN, Duration.ofSeconds(30)).targetState(OTHER_ARN, IP, 8081, "healthy");
		this.ticker.onSleep((now) -> {
			Duration elapsed = elapsedSince(now);
			if (elapsed.compareTo(Duration.ofSeconds(3)) >= 0) {
				this.elb.targetState(ARN, IP, PORT, "draining");
			}
			if (elapsed.compareTo(Duration.ofSeconds(11)) >= 0) {
				this.elb.targetState(OTHER_ARN, IP, 8081, "draining");
			}
		});
		TargetHealthStrategy strategy = strategy(ARN, OTHER_ARN).build();
		HoldOutcome outcome = hold(strategy);
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(12 + 5));
		assertThat(strategy.hasGivenUp()).isFalse();
	}

	@Test
	void invalidTargetFromTheStartIsAFaultNotARelease() {
		this.elb.fail("DescribeTargetHealth", Fault.INVALID_TARGET);
		TargetHealthStrategy strategy = strategy(ARN).build();
		assertThat(hold(strategy).reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(strategy.hasGivenUp()).isTrue();
		assertThat(this.logger.warnings()).singleElement().asString().contains("InvalidTarget");
	}

	@Test
	void holdWaitsUntilEveryTargetGroupHasLetGo() {
		this.elb.targetGroup(OTHER_ARN, Duration.ofSeconds(30)).targetState(OTHER_ARN, IP, PORT, "healthy");
		this.elb.targetState(ARN, IP, PORT, "draining");
		this.ticker.onSleep((now) -> {
			if (elapsedSince(now).compareTo(Duration.ofSeconds(11)) >= 0) {
				this.elb.targetState(OTHER_ARN, IP, PORT, "draining");
			}
		});
		HoldOutcome outcome = hold(strategy(ARN, OTHER_ARN).build());
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(12 + 5));
	}

	@Test
	void neverReleasesWhileTheTargetStaysHealthySoTheMaximumHoldApplies() {
		HoldBounds bounds = new HoldBounds(Duration.ZERO, Duration.ofSeconds(59), Duration.ofMillis(100));
		HoldOutcome outcome = new Hold(strategy(ARN).build(), bounds, new TrafficMonitor(this.ticker), this.ticker)
			.run();
		assertThat(outcome.reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		// The most polls a hold makes by default, not one every 2 s for 59 s.
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(12);
	}

	@ParameterizedTest
	@EnumSource(names = { "INTERNAL_FAILURE", "SERVICE_UNAVAILABLE" })
	void transientFaultKeepsHoldingKeepsAskingAndLogsOnce(Fault fault) {
		this.elb.fail(fault);
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		for (int second = 0; second < 20; second += 2) {
			assertThat(evaluator.evaluate(at(Duration.ofSeconds(second)))).isEqualTo(HoldDecision.keepHolding());
		}
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(10);
		assertThat(this.logger.warnings()).singleElement().asString().contains("(Logged once.)");
		assertThat(strategy.hasGivenUp()).isFalse();
	}

	@Test
	void throttlingIsLoggedWithItsCauseAndFix() {
		this.elb.fail(Fault.THROTTLING);
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		evaluator.evaluate(at(Duration.ZERO));
		assertThat(this.logger.warnings()).singleElement()
			.asString()
			.contains("Throttling (HTTP 400): Rate exceeded")
			.contains("raise zdt.aws.poll-interval")
			.contains("falls back on the other hold strategies");
	}

	@Test
	void throttledPollIsOneCallNotSdkRetriesAndIsReportedAsThrottling() {
		this.elb.fail(Fault.THROTTLING);
		try (ElasticLoadBalancingV2Client retrying = Elbv2Clients.clientWithSdkRetries(this.elb.endpoint())) {
			// The time-outs zdt.aws.* defaults to.
			TargetHealthStrategy strategy = TargetHealthStrategy.builder(retrying, TargetGroupSource.of(List.of(ARN)))
				.targetIp(IP)
				.targetPort(PORT)
				.callTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
				.executor(Runnable::run)
				.logger(this.logger)
				.build();
			HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
			for (int second = 0; second < 10; second += 2) {
				assertThat(evaluator.evaluate(at(Duration.ofSeconds(second)))).isEqualTo(HoldDecision.keepHolding());
			}
			// One call, and no other while the back-off lasts (this clock does not move).
			assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(1);
			assertThat(this.logger.warnings()).singleElement()
				.asString()
				.contains("throttled")
				.contains("Throttling (HTTP 400)")
				.doesNotContain("did not answer in time");
			assertThat(strategy.details()).hasEntrySatisfying("fault",
					(fault) -> assertThat(fault).asString().startsWith("throttled"));
		}
	}

	@Test
	void holdRecoversFromATransientFault() {
		this.elb.fail(Fault.THROTTLING);
		this.ticker.onSleep((now) -> {
			if (elapsedSince(now).compareTo(Duration.ofSeconds(1)) >= 0) {
				this.elb.clearFault();
				this.elb.targetState(ARN, IP, PORT, "draining");
			}
		});
		HoldOutcome outcome = hold(strategy(ARN).build());
		assertThat(outcome.reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		// Throttled at 0 s; after the back-off (0.5 × 2 s × 2) the poll at 2 s sees the
		// target draining.
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(2 + 5));
		assertThat(this.logger.warnings()).hasSize(1);
	}

	@Test
	void detailsShowAFaultOnlyUntilTheLoadBalancerAnswersAgain() {
		this.elb.fail(Fault.THROTTLING);
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		evaluator.evaluate(at(Duration.ZERO));
		assertThat(strategy.details()).hasEntrySatisfying("fault",
				(fault) -> assertThat(fault).asString().contains("Throttling"));
		this.elb.clearFault();
		// After the back-off of 0.5 × 2 s × 2 that a throttled call brings.
		this.ticker.advance(Duration.ofSeconds(2));
		evaluator.evaluate(at(Duration.ofSeconds(2)));
		assertThat(strategy.details()).doesNotContainKey("fault").containsKey("targetStates");
	}

	@Test
	void accessDeniedStopsAskingLogsOnceWithTheIamFix() {
		this.elb.fail(Fault.ACCESS_DENIED);
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		for (int second = 0; second < 20; second += 2) {
			assertThat(evaluator.evaluate(at(Duration.ofSeconds(second)))).isEqualTo(HoldDecision.keepHolding());
		}
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(1);
		assertThat(strategy.hasGivenUp()).isTrue();
		assertThat(this.logger.warnings()).singleElement()
			.asString()
			.contains("AccessDenied (HTTP 403)")
			.contains("elasticloadbalancing:DescribeTargetHealth")
			.contains("k8s/aws/iam-policy.json");
	}

	@Test
	void unknownTargetGroupStopsAskingAndLogsOnce() {
		String unknown = ARN.replace("73e2d6bc24d8a067", "0000000000000000");
		TargetHealthStrategy strategy = strategy(unknown).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		for (int second = 0; second < 20; second += 2) {
			assertThat(evaluator.evaluate(at(Duration.ofSeconds(second)))).isEqualTo(HoldDecision.keepHolding());
		}
		assertThat(this.elb.requestCount("DescribeTargetHealth")).isEqualTo(1);
		assertThat(this.logger.warnings()).singleElement()
			.asString()
			.contains("TargetGroupNotFound")
			.contains("zdt.aws.target-group-arns");
	}

	@Test
	void noCredentialsStopsAskingWithoutCallingAndLogsOnce(@TempDir Path directory) throws IOException {
		Path emptyProfiles = Files.writeString(directory.resolve("credentials"), "");
		ProfileCredentialsProvider noCredentials = ProfileCredentialsProvider.builder()
			.profileFile(ProfileFile.builder().content(emptyProfiles).type(ProfileFile.Type.CREDENTIALS).build())
			.profileName("zdt-absent")
			.build();
		try (ElasticLoadBalancingV2Client client = Elbv2Clients.client(this.elb.endpoint(), noCredentials)) {
			TargetHealthStrategy strategy = TargetHealthStrategy.builder(client, TargetGroupSource.of(List.of(ARN)))
				.targetIp(IP)
				.targetPort(PORT)
				.callTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20))
				.executor(Runnable::run)
				.logger(this.logger)
				.build();
			HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
			for (int second = 0; second < 10; second += 2) {
				assertThat(evaluator.evaluate(at(Duration.ofSeconds(second)))).isEqualTo(HoldDecision.keepHolding());
			}
			assertThat(this.elb.requests()).isEmpty();
			assertThat(strategy.hasGivenUp()).isTrue();
			assertThat(this.logger.warnings()).singleElement()
				.asString()
				.contains("no AWS credentials")
				.contains("eks.amazonaws.com/role-arn");
		}
	}

	@Test
	void unansweredCallNeverBlocksEvaluateAndEndsAtTheCallTimeout() throws Exception {
		this.elb.fail(Fault.NO_ANSWER);
		try (TargetHealthStrategy strategy = strategy(ARN).executor(null)
			.callTimeouts(Duration.ofMillis(600), Duration.ofMillis(400))
			.build()) {
			HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
			long start = System.nanoTime();
			HoldDecision decision = evaluator.evaluate(at(Duration.ZERO));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(decision).isEqualTo(HoldDecision.keepHolding());
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.logger.warnings().isEmpty());
			// The server holds the request for minutes: only the call timeout ends it
			// this soon.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(this.logger.warnings()).singleElement().asString().contains("did not answer in time");
			assertThat(strategy.hasGivenUp()).isFalse();
		}
	}

	@Test
	void callWaitsNoLongerThanTheCallTimeoutEvenOnTheCallingThread() {
		this.elb.fail(Fault.NO_ANSWER);
		TargetHealthStrategy strategy = strategy(ARN).callTimeouts(Duration.ofMillis(600), Duration.ofMillis(400))
			.build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		long start = System.nanoTime();
		assertThat(evaluator.evaluate(at(Duration.ZERO))).isEqualTo(HoldDecision.keepHolding());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(this.logger.warnings()).singleElement().asString().contains("did not answer in time");
	}

	@Test
	void failingTargetGroupSourceNeverThrowsOutOfEvaluate() {
		TargetHealthStrategy strategy = TargetHealthStrategy.builder(this.client, () -> {
			throw new IllegalStateException("boom");
		}).targetIp(IP).executor(Runnable::run).logger(this.logger).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		for (int second = 0; second < 10; second += 2) {
			assertThat(evaluator.evaluate(at(Duration.ofSeconds(second)))).isEqualTo(HoldDecision.keepHolding());
		}
		assertThat(this.logger.warnings()).singleElement().asString().contains("boom");
	}

	@Test
	void unknownPodIpStopsAskingAndNamesTheFix() {
		TargetHealthStrategy strategy = TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(ARN)))
			.targetIp(null)
			.firstPollDelay(Duration.ZERO)
			.executor(Runnable::run)
			.logger(this.logger)
			.build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		assertThat(evaluator.evaluate(at(Duration.ZERO))).isEqualTo(HoldDecision.keepHolding());
		assertThat(strategy.hasGivenUp()).isTrue();
		assertThat(this.logger.warnings()).singleElement().asString().contains("POD_IP").contains("zdt.aws.target-ip");
		assertThat(this.elb.requests()).isEmpty();
	}

	@Test
	void combinedWithAnotherStrategyTheOtherDecidesWhileTheLoadBalancerFails() {
		this.elb.fail(Fault.ACCESS_DENIED);
		HoldStrategy fallback = new FixedDelayStrategy(Duration.ofSeconds(20));
		HoldOutcome outcome = hold(HoldStrategies.firstOf(strategy(ARN).build(), fallback));
		assertThat(outcome.reason()).isEqualTo("delay");
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void prepareReadsTheLongestDeregistrationDelayOnce() {
		this.elb.targetGroup(OTHER_ARN, Duration.ofSeconds(45));
		TargetHealthStrategy strategy = strategy(ARN, OTHER_ARN).build();
		strategy.prepare();
		strategy.prepare();
		assertThat(strategy.deregistrationDelay(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(300));
		assertThat(this.elb.requestCount("DescribeTargetGroupAttributes")).isEqualTo(2);
		assertThat(this.logger.messages(System.Logger.Level.INFO)).singleElement()
			.asString()
			.contains(IP)
			.contains(ARN)
			.contains("PT5M");
	}

	@Test
	void deregistrationDelayDeniedStillAsksForTargetHealth() {
		this.elb.fail("DescribeTargetGroupAttributes", Fault.ACCESS_DENIED);
		this.elb.targetState(ARN, IP, PORT, "draining");
		TargetHealthStrategy strategy = strategy(ARN).build();
		strategy.prepare();
		assertThat(strategy.deregistrationDelay(Duration.ofSeconds(1))).isNull();
		assertThat(strategy.hasGivenUp()).isFalse();
		assertThat(hold(strategy).reason()).isEqualTo(TargetHealthStrategy.DRAINING);
		assertThat(this.logger.warnings()).singleElement().asString().contains("Reading the deregistration delay");
	}

	@Test
	void deregistrationDelayMissedThroughATransientFaultIsReadAtTheFirstPoll() {
		this.elb.fail("DescribeTargetGroupAttributes", Fault.THROTTLING);
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		strategy.prepare();
		assertThat(strategy.deregistrationDelay(Duration.ZERO)).isNull();
		this.elb.clearFault();
		evaluator.evaluate(at(Duration.ZERO));
		evaluator.evaluate(at(Duration.ofSeconds(2)));
		assertThat(strategy.deregistrationDelay(Duration.ZERO)).isEqualTo(Duration.ofSeconds(300));
		assertThat(this.elb.requestCount("DescribeTargetGroupAttributes")).isEqualTo(2);
	}

	@Test
	void detailsShowTargetStatesAndDelay() {
		this.elb.targetState(ARN, IP, PORT, "draining");
		TargetHealthStrategy strategy = strategy(ARN).build();
		HoldEvaluator evaluator = strategy.start(at(Duration.ZERO));
		strategy.prepare();
		evaluator.evaluate(at(Duration.ZERO));
		Map<String, Object> details = strategy.details();
		assertThat(details).containsEntry("strategy", "aws-target-health")
			.containsEntry("target", IP + ":" + PORT)
			.containsEntry("targetGroups", List.of(ARN))
			.containsEntry("deregistrationDelayMs", 300_000L)
			.containsEntry("targetStates", Map.of(ARN, "draining (Target.DeregistrationInProgress)"))
			.containsEntry("active", true)
			.doesNotContainKey("fault");
	}

	@Test
	void anotherHoldStartsOverWithoutTheLastHoldsObservation() {
		this.elb.targetState(ARN, IP, PORT, "draining");
		TargetHealthStrategy strategy = strategy(ARN).propagationMargin(Duration.ZERO).build();
		assertThat(strategy.start(at(Duration.ZERO)).evaluate(at(Duration.ofSeconds(1))).isRelease()).isTrue();
		this.elb.targetState(ARN, IP, PORT, "healthy");
		assertThat(strategy.start(at(Duration.ZERO)).evaluate(at(Duration.ZERO))).isEqualTo(HoldDecision.keepHolding());
	}

	private HoldOutcome hold(HoldStrategy strategy) {
		return new Hold(strategy, BOUNDS, new TrafficMonitor(this.ticker), this.ticker).run();
	}

	private Duration elapsedSince(long now) {
		return Duration.ofNanos(now - this.origin);
	}

	private LongConsumer drainAfter(Duration delay) {
		return (now) -> {
			if (elapsedSince(now).compareTo(delay) >= 0) {
				this.elb.targetState(ARN, IP, PORT, "draining");
			}
		};
	}

	private TargetHealthStrategyBuilder strategy(String... arns) {
		return TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(arns)))
			.targetIp(IP)
			.targetPort(PORT)
			.pollInterval(Duration.ofSeconds(2))
			.propagationMargin(Duration.ofSeconds(5))
			// The rules of TargetHealthPollingTests aside: first poll at once, no jitter.
			.firstPollDelay(Duration.ZERO)
			.random(() -> 0.5)
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
