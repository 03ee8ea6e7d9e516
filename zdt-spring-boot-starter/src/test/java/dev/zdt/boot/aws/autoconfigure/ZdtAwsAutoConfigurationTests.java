package dev.zdt.boot.aws.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.aws.TargetGroupSource;
import dev.zdt.aws.TargetGroups;
import dev.zdt.aws.TargetHealthStrategy;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.hold.TrafficQuietStrategy;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZdtAwsAutoConfiguration}.
 */
class ZdtAwsAutoConfigurationTests {

	// Polled every 200 ms, a hold would make its most polls (12 by default) within about
	// 3 s, and then stop asking: these tests wait longer than that for other things.
	private static final String MANY_POLLS = "zdt.aws.max-polls-per-hold=1000";

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-zdtdemo-sample-6b2a4c1d2e/73e2d6bc24d8a067";

	private static final String IP = "192.0.2.80";

	private static final String LATE_NODE = "10.0.2.10";

	// No instance metadata (never leave loopback), no profile file, no environment of the
	// machine that runs the tests: each test says where it runs.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAwsAutoConfiguration.class, ZdtAutoConfiguration.class))
		.withSystemProperties("aws.disableEc2Metadata=true", "aws.configFile=/nonexistent/zdt/config",
				"aws.sharedCredentialsFile=/nonexistent/zdt/credentials")
		.withPropertyValues("spring.main.cloud-platform=none", "AWS_REGION=", "aws.region=", "POD_IP=",
				// Generous: the machine running the tests may be busy.
				"zdt.aws.api-call-timeout=20s", "zdt.aws.api-call-attempt-timeout=20s")
		// Ready, as SpringApplication reports an application it has started: a drain of
		// one that never was does not hold.
		.withInitializer((context) -> context.addApplicationListener(new ReadyWhenRefreshed()));

	private FakeElbv2Server elb;

	@BeforeEach
	void startFakeElb() throws IOException {
		this.elb = FakeElbv2Server.start();
		this.elb.targetGroup(ARN, Duration.ofSeconds(90)).targetState(ARN, IP, 8080, "healthy");
	}

	@AfterEach
	void stopFakeElb() {
		this.elb.close();
	}

	@Test
	void backsOffOutsideKubernetesWithoutConfigurationSoALaptopStartsAsUsual() {
		this.contextRunner.withPropertyValues("AWS_REGION=eu-west-1").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(LoadBalancerHoldStrategySupplier.class)
				.doesNotHaveBean(ElasticLoadBalancingV2Client.class);
			assertThat(context.getBean(HoldStrategy.class).name()).isEqualTo("adaptive");
		});
	}

	@Test
	void backsOffInKubernetesWhenNoRegionIsKnownWithoutANetworkCall() {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LoadBalancerHoldStrategySupplier.class));
	}

	@Test
	void appliesInKubernetesWithARegionAndTheAutoStrategyAsksTheLoadBalancerFirst() {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=kubernetes", "AWS_REGION=eu-west-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(AwsTargetHealthStrategySupplier.class);
				ElasticLoadBalancingV2Client client = context.getBean(ElasticLoadBalancingV2Client.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
				assertThat(context.getBean(HoldStrategy.class).name()).isEqualTo("aws-target-health>adaptive");
			});
	}

	@Test
	void appliesWhenTargetGroupArnsAreSet() {
		this.contextRunner.withPropertyValues("zdt.aws.target-group-arns=" + ARN, "zdt.aws.region=eu-west-1")
			.run((context) -> assertThat(context).hasSingleBean(AwsTargetHealthStrategySupplier.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner
			.withPropertyValues("zdt.aws.enabled=false", "zdt.aws.target-group-arns=" + ARN, "zdt.aws.region=eu-west-1")
			.run((context) -> assertThat(context).doesNotHaveBean(LoadBalancerHoldStrategySupplier.class));
	}

	@Test
	void backsOffWhenZdtIsDisabled() {
		this.contextRunner
			.withPropertyValues("zdt.enabled=false", "zdt.aws.target-group-arns=" + ARN, "zdt.aws.region=eu-west-1")
			.run((context) -> assertThat(context).doesNotHaveBean(LoadBalancerHoldStrategySupplier.class)
				.doesNotHaveBean(ElasticLoadBalancingV2Client.class));
	}

	@Test
	void backsOffWithoutTheAwsSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ElasticLoadBalancingV2Client.class))
			.withPropertyValues("zdt.aws.target-group-arns=" + ARN, "zdt.aws.region=eu-west-1")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(LoadBalancerHoldStrategySupplier.class);
				assertThat(context.getBean(HoldStrategy.class).name()).isEqualTo("adaptive");
			});
	}

	@Test
	void explicitlyEnabledWithoutARegionFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("zdt.aws.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("zdt.aws.region");
		});
	}

	@Test
	void endpointAndTargetPropertiesReachTheLoadBalancer() {
		this.elb.targetState(ARN, IP, 9090, "draining");
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP, "zdt.aws.target-port=9090",
					"zdt.aws.propagation-margin=0s", "zdt.aws.first-poll-delay=0s")
			.run((context) -> {
				LoadBalancerHoldStrategySupplier supplier = context.getBean(LoadBalancerHoldStrategySupplier.class);
				assertThat(supplier.deregistrationDelay()).isEqualTo(Duration.ofSeconds(90));
				assertThat(evaluateUntilDecided(supplier.strategy()))
					.isEqualTo(HoldDecision.release(TargetHealthStrategy.DRAINING));
				assertThat(supplier.details()).containsEntry("target", IP + ":9090")
					.containsEntry("deregistrationDelayMs", 90_000L);
			});
	}

	@Test
	void drainEndsWhenTheLoadBalancerReportsTheTargetDraining() {
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP, "zdt.aws.poll-interval=200ms",
					MANY_POLLS, "zdt.aws.propagation-margin=300ms", "zdt.drain.min-hold=0s", "zdt.drain.max-hold=60s",
					"zdt.drain.adaptive.min-quiet=60s")
			.run((context) -> {
				DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
				CompletableFuture<DrainResult> drain = coordinator.startDrain(DrainTrigger.API);
				// The target is healthy: the hold goes on.
				await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !drain.isDone());
				this.elb.targetState(ARN, IP, 8080, "draining");
				DrainResult result = drain.get(30, TimeUnit.SECONDS);
				assertThat(result.strategy()).isEqualTo("aws-target-health>adaptive");
				assertThat(result.outcome().reason()).isEqualTo(TargetHealthStrategy.DRAINING);
				assertThat(result.outcome().held()).isLessThan(Duration.ofSeconds(30));
				// The in-flight wait counts the deregistration delay from here, not from
				// the drain start.
				assertThat(context.getBean(LoadBalancerHoldStrategySupplier.class).drainingSeenAt())
					.isBetween(Duration.ofMillis(500), result.outcome().held());
			});
	}

	@Test
	void aSilenceInTheTrafficNeverEndsTheHoldBeforeTheLoadBalancerLetsGoAndEndsItOnceItHas() {
		ShiftableTicker ticker = new ShiftableTicker();
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withBean(Ticker.class, () -> ticker)
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP, "zdt.aws.poll-interval=200ms",
					MANY_POLLS, "zdt.aws.propagation-margin=300ms", "zdt.drain.min-hold=0s", "zdt.drain.max-hold=60s")
			.run((context) -> {
				// 30 s of steady traffic at 600 req/s before the drain, none after: on
				// the traffic alone the hold would end after the 1 s minimum quiet
				// period.
				steadyTraffic(context.getBean(TrafficMonitor.class), ticker);
				CompletableFuture<DrainResult> drain = context.getBean(DrainCoordinator.class)
					.startDrain(DrainTrigger.API);
				// The target is healthy: the hold goes on, however quiet the traffic.
				await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> !drain.isDone());
				this.elb.targetState(ARN, IP, 8080, "draining");
				DrainResult result = drain.get(30, TimeUnit.SECONDS);
				// Every source has been quiet for its window since long before: the
				// traffic ends the hold as soon as the load balancer is seen letting go,
				// without waiting for the propagation margin.
				assertThat(result.outcome().reason()).isEqualTo(TrafficQuietStrategy.REASON);
				assertThat(result.outcome().detail()).contains("aws-target-health saw the load balancer let go at");
				assertThat(result.outcome().held()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void aNodeStillSendingAfterDrainingKeepsTheHoldPastTheMarginAndTheStatusSaysWhich() {
		ShiftableTicker ticker = new ShiftableTicker();
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withBean(Ticker.class, () -> ticker)
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP, "zdt.aws.poll-interval=200ms",
					MANY_POLLS, "zdt.aws.propagation-margin=300ms", "zdt.drain.min-hold=0s", "zdt.drain.max-hold=60s")
			.run((context) -> {
				// 30 s before the drain: a busy node at 600 req/s, and a late one at 2
				// req/s, whose silence the traffic's rule accepts after about 7 s.
				TrafficMonitor traffic = context.getBean(TrafficMonitor.class);
				for (int i = 0; i < 600 * 30; i++) {
					send(traffic, "10.0.1.10");
					if (i % 300 == 0) {
						send(traffic, LATE_NODE);
					}
					ticker.shift(Duration.ofNanos(1_000_000_000L / 600));
				}
				DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
				CompletableFuture<DrainResult> drain = coordinator.startDrain(DrainTrigger.API);
				this.elb.targetState(ARN, IP, 8080, "draining");
				await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
					send(traffic, LATE_NODE);
					return coordinator.evidence().containsKey("aws-target-health.letGoSeenAtMs");
				});
				// The late node keeps sending for 1 s after draining was seen: three
				// times the margin.
				await().during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> {
						send(traffic, LATE_NODE);
						return !drain.isDone();
					});
				assertThat(coordinator.evidence()).containsEntry("sourcesSendingAfterLetGo", List.of(LATE_NODE))
					.containsKey("propagationMarginEndsAtMs");
				// The late node has stopped: 30 s of silence.
				ticker.shift(Duration.ofSeconds(30));
				DrainResult result = drain.get(30, TimeUnit.SECONDS);
				assertThat(result.outcome().reason()).isEqualTo(TrafficQuietStrategy.REASON);
				assertThat(result.outcome().detail()).contains("aws-target-health saw the load balancer let go");
			});
	}

	private static void send(TrafficMonitor traffic, String source) {
		traffic.requestStarted(source);
		traffic.requestFinished();
	}

	@Test
	void theTrafficDecidesWhenTheLoadBalancerApiFails() {
		this.elb.fail(FakeElbv2Server.Fault.ACCESS_DENIED);
		ShiftableTicker ticker = new ShiftableTicker();
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withBean(Ticker.class, () -> ticker)
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP, "zdt.aws.poll-interval=200ms",
					MANY_POLLS, "zdt.drain.min-hold=0s", "zdt.drain.max-hold=60s")
			.run((context) -> {
				steadyTraffic(context.getBean(TrafficMonitor.class), ticker);
				DrainResult result = context.getBean(DrainCoordinator.class)
					.startDrain(DrainTrigger.API)
					.get(30, TimeUnit.SECONDS);
				assertThat(result.outcome().reason()).isEqualTo(TrafficQuietStrategy.REASON);
				assertThat(result.outcome().detail()).endsWith("aws-target-health does not answer");
				assertThat(result.outcome().held()).isLessThan(Duration.ofSeconds(20));
			});
	}

	@Test
	void theTrafficDecidesWhileTheLoadBalancerApiKeepsFailing() {
		this.elb.fail(FakeElbv2Server.Fault.SERVICE_UNAVAILABLE);
		ShiftableTicker ticker = new ShiftableTicker();
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withBean(Ticker.class, () -> ticker)
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP, "zdt.aws.poll-interval=200ms",
					MANY_POLLS, "zdt.drain.min-hold=0s", "zdt.drain.max-hold=60s")
			.run((context) -> {
				steadyTraffic(context.getBean(TrafficMonitor.class), ticker);
				LoadBalancerHoldStrategySupplier supplier = context.getBean(LoadBalancerHoldStrategySupplier.class);
				DrainResult result = context.getBean(DrainCoordinator.class)
					.startDrain(DrainTrigger.API)
					.get(30, TimeUnit.SECONDS);
				assertThat(result.outcome().reason()).isEqualTo(TrafficQuietStrategy.REASON);
				assertThat(supplier.isAnswering()).isFalse();
				this.elb.clearFault();
			});
	}

	private static void steadyTraffic(TrafficMonitor traffic, ShiftableTicker ticker) {
		for (int i = 0; i < 600 * 30; i++) {
			traffic.requestStarted();
			traffic.requestFinished();
			ticker.shift(Duration.ofNanos(1_000_000_000L / 600));
		}
	}

	@Test
	void targetIpDefaultsToPodIpAndPortToTheServerPort() {
		this.elb.targetState(ARN, IP, 8443, "draining");
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withPropertyValues("zdt.aws.endpoint=" + this.elb.endpoint(), "zdt.aws.region=eu-west-1",
					"zdt.aws.target-group-arns=" + ARN, "POD_IP=" + IP, "server.port=8443",
					"zdt.aws.propagation-margin=0s", "zdt.aws.first-poll-delay=0s")
			.run((context) -> {
				HoldStrategy strategy = context.getBean(LoadBalancerHoldStrategySupplier.class).strategy();
				assertThat(evaluateUntilDecided(strategy))
					.isEqualTo(HoldDecision.release(TargetHealthStrategy.DRAINING));
			});
	}

	@Test
	void userClientWins() {
		this.elb.targetState(ARN, IP, 8080, "draining");
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withBean(FakeElbv2Server.class, () -> this.elb)
			.withPropertyValues("zdt.aws.target-group-arns=" + ARN, "zdt.aws.target-ip=" + IP)
			.run((context) -> {
				assertThat(context).hasSingleBean(ElasticLoadBalancingV2Client.class).hasBean("userClient");
				LoadBalancerHoldStrategySupplier supplier = context.getBean(LoadBalancerHoldStrategySupplier.class);
				assertThat(supplier.deregistrationDelay()).isEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void customizersApplyInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.withBean(FakeElbv2Server.class, () -> this.elb)
			.withPropertyValues("zdt.aws.region=eu-west-1", "zdt.aws.target-group-arns=" + ARN,
					"zdt.aws.target-ip=" + IP)
			.run((context) -> {
				ElasticLoadBalancingV2Client client = context.getBean(ElasticLoadBalancingV2Client.class);
				assertThat(client.serviceClientConfiguration().endpointOverride()).contains(this.elb.endpoint());
				assertThat(context.getBean(LoadBalancerHoldStrategySupplier.class).deregistrationDelay())
					.isEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void userTargetGroupSourceWins() {
		this.contextRunner.withSystemProperties("aws.accessKeyId=AKIAZDTTEST", "aws.secretAccessKey=zdt-test-secret")
			.withBean(TargetGroupSource.class, () -> () -> new TargetGroups(List.of(ARN), IP))
			.withPropertyValues("zdt.aws.enabled=true", "zdt.aws.endpoint=" + this.elb.endpoint(),
					"zdt.aws.region=eu-west-1")
			.run((context) -> assertThat(context.getBean(LoadBalancerHoldStrategySupplier.class).deregistrationDelay())
				.isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void invalidValuesFailStartupNamingTheProperty() {
		assertInvalid("zdt.aws.poll-interval", "zdt.aws.poll-interval=0s");
		assertInvalid("zdt.aws.propagation-margin", "zdt.aws.propagation-margin=-1s");
		assertInvalid("zdt.aws.first-poll-delay", "zdt.aws.first-poll-delay=-1s");
		assertInvalid("zdt.aws.max-polls-per-hold", "zdt.aws.max-polls-per-hold=0");
		assertInvalid("zdt.aws.throttle-retries", "zdt.aws.throttle-retries=0");
		assertInvalid("zdt.aws.target-port", "zdt.aws.target-port=70000");
		assertInvalid("zdt.aws.target-ip", "zdt.aws.target-ip=pod.local");
		assertInvalid("zdt.aws.target-ip", "zdt.aws.target-ip=10.0.0.1:8080");
		assertInvalid("zdt.aws.target-ip", "zdt.aws.target-ip=999.1.1.1");
		assertInvalid("zdt.aws.target-ip", "zdt.aws.target-ip=10.0.0");
		assertInvalid("zdt.aws.target-ip", "zdt.aws.target-ip=2001:db8::1::2");
		assertInvalid("zdt.aws.target-ip", "zdt.aws.target-ip=cafe");
		assertInvalid("zdt.aws.target-group-arns[0]", "zdt.aws.target-group-arns=my-target-group");
		assertInvalid("zdt.aws.region", "zdt.aws.region=Ireland");
		assertInvalid("zdt.aws.endpoint", "zdt.aws.endpoint=elasticloadbalancing.eu-west-1.amazonaws.com");
		assertInvalid("zdt.aws.api-call-attempt-timeout", "zdt.aws.api-call-timeout=1s",
				"zdt.aws.api-call-attempt-timeout=3s");
		assertInvalid("zdt.aws.api-call-timeout", "zdt.aws.api-call-timeout=0s");
	}

	private void assertInvalid(String property, String... values) {
		this.contextRunner.withPropertyValues("zdt.aws.enabled=true", "zdt.aws.region=eu-west-1")
			.withPropertyValues(values)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
							(ex) -> assertThat(ex.getName()).isEqualTo(property));
			});
	}

	/**
	 * The strategy polls in the background: ask until it has an answer, as the hold does.
	 */
	private static HoldDecision evaluateUntilDecided(HoldStrategy strategy) {
		HoldContext context = new HoldContext(Duration.ZERO, 0, 0, Duration.ZERO, Duration.ZERO);
		HoldEvaluator hold = strategy.start(context);
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> hold.evaluate(context), HoldDecision::isRelease);
	}

	/**
	 * The system's time, which a test can move forward at once to replay traffic.
	 */
	static final class ShiftableTicker implements Ticker {

		private final AtomicLong shift = new AtomicLong();

		@Override
		public long nanos() {
			return System.nanoTime() + this.shift.get();
		}

		@Override
		public void sleep(Duration duration) throws InterruptedException {
			Ticker.system().sleep(duration);
		}

		void shift(Duration duration) {
			this.shift.addAndGet(duration.toNanos());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		ElasticLoadBalancingV2Client userClient(FakeElbv2Server elb) {
			return ElasticLoadBalancingV2Client.builder()
				.endpointOverride(elb.endpoint())
				.region(Region.EU_WEST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAZDT", "secret")))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		ElasticLoadBalancingV2ClientBuilderCustomizer fakeEndpoint(FakeElbv2Server elb) {
			return (builder) -> builder.endpointOverride(elb.endpoint())
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAZDT", "secret")));
		}

		@Bean
		@Order(1)
		ElasticLoadBalancingV2ClientBuilderCustomizer unusedEndpoint() {
			return (builder) -> builder.endpointOverride(URI.create("http://127.0.0.1:9"));
		}

	}

	/**
	 * Reports the application ready once its context is refreshed.
	 */
	static final class ReadyWhenRefreshed implements ApplicationListener<ContextRefreshedEvent> {

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
		}

	}

}
