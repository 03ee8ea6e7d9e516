package dev.zdt.boot.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.zdt.aws.TargetGroupSource;
import dev.zdt.aws.TargetHealthStrategy;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.elbv2.FakeElbv2Server.Fault;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoadBalancerApiMetrics}: the real ALB strategy against a local ELBv2
 * endpoint that throttles every call.
 */
class LoadBalancerApiMetricsTests {

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-default-sample-6b2a4c/73e2d6bc24d8a067";

	private static final String IP = "192.0.2.15";

	private final ManualTicker ticker = new ManualTicker();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private FakeElbv2Server elb;

	private ElasticLoadBalancingV2Client client;

	@BeforeEach
	void startFakeElb() throws IOException {
		this.elb = FakeElbv2Server.start();
		this.elb.targetGroup(ARN, Duration.ofSeconds(300)).targetState(ARN, IP, 8080, "healthy");
		this.client = ElasticLoadBalancingV2Client.builder()
			.endpointOverride(this.elb.endpoint())
			.region(Region.EU_WEST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAZDTTEST", "zdt-test-secret")))
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	@AfterEach
	void stopFakeElb() {
		this.client.close();
		this.elb.close();
	}

	@Test
	void countsTheCallsAndTheThrottledCallsOfTheProcessAndOfEachHold() throws Exception {
		this.elb.fail(Fault.THROTTLING);
		TargetHealthStrategy strategy = TargetHealthStrategy.builder(this.client, TargetGroupSource.of(List.of(ARN)))
			.targetIp(IP)
			.targetPort(8080)
			.firstPollDelay(Duration.ZERO)
			.callTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20))
			.executor(Runnable::run)
			.build();
		LoadBalancerApiMetrics metrics = new LoadBalancerApiMetrics(new LoadBalancerHoldStrategySupplier() {

			@Override
			public HoldStrategy strategy() {
				return strategy;
			}

			@Override
			public Map<String, Object> details() {
				return strategy.details();
			}

		});
		metrics.bindTo(this.registry);
		assertThat(this.registry.get("zdt.aws.api.calls").functionCounter().count()).isZero();
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(strategy)
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(3), Duration.ofMillis(100)))
			.traffic(new TrafficMonitor(this.ticker))
			.ticker(this.ticker)
			.listener(metrics)
			.build();
		coordinator.drain(DrainTrigger.SHUTDOWN);
		long calls = this.elb.requestCount("DescribeTargetHealth");
		assertThat(calls).isPositive();
		assertThat(this.registry.get("zdt.aws.api.calls").functionCounter().count()).isEqualTo(calls);
		assertThat(this.registry.get("zdt.aws.api.throttled").functionCounter().count()).isEqualTo(calls);
		DistributionSummary holdCalls = this.registry.get("zdt.aws.hold.calls").summary();
		assertThat(holdCalls.count()).isOne();
		assertThat(holdCalls.totalAmount()).isEqualTo(calls);
		assertThat(this.registry.get("zdt.aws.hold.throttled").summary().totalAmount()).isEqualTo(calls);
	}

}
