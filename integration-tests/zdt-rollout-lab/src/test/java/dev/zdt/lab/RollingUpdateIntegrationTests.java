package dev.zdt.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.zdt.lab.lb.HealthCheck;
import dev.zdt.lab.report.TimelineSvg;
import dev.zdt.lab.rollout.LabRun;
import dev.zdt.lab.rollout.LagRange;
import dev.zdt.lab.rollout.LoadBalancerNodes;
import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;
import dev.zdt.lab.rollout.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rolling updates of the real sample app behind HAProxy at 600 requests per second with
 * deregistration lags of 2 to 15 s, and of bursty traffic behind a load balancer that
 * routes until deregistered: zdt on its defaults loses no request; plain Spring Boot, the
 * control, does.
 *
 * @author zdt
 */
class RollingUpdateIntegrationTests {

	private static final Path WORK = Path.of(System.getProperty("zdt.lab.work", "target/lab"));

	private final RunSpec base = RunSpec.of(Scenario.ZDT_ADAPTIVE).withRate(600).withLag(LagRange.parse("2-15"));

	@Test
	void zdtOnItsDefaultsLosesNoRequestDuringConsecutiveRollingUpdates() throws Exception {
		RunResult result = run("zdt-adaptive", this.base.withSize(2, 2));
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
		assertThat(result.load().clientErrors()).as(result.summary()).isZero();
		// The load ran through both rollouts: how long they take depends on the lags
		// drawn.
		double rolloutSeconds = result.rollouts()
			.stream()
			.mapToDouble((rollout) -> rollout.duration().toMillis() / 1000.0)
			.sum();
		assertThat(result.load().completed()).as(result.summary())
			.isEqualTo(result.load().scheduled())
			.isGreaterThan((long) (0.95 * result.spec().rate() * rolloutSeconds));
		assertThat(result.terminations()).as(result.summary()).hasSize(4).allSatisfy((termination) -> {
			assertThat(termination.killed()).isFalse();
			assertThat(termination.exitCode()).isEqualTo(143);
			assertThat(termination.preStop()).endsWith("-> 200");
		});
	}

	@Test
	void zdtWithTheAwsTargetHealthStrategyAgainstAFakeElbv2EndpointLosesNoRequest() throws Exception {
		RunResult result = run("zdt-aws", this.base.withScenario(Scenario.ZDT_AWS).withSize(2, 1));
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
		assertThat(result.load().clientErrors()).as(result.summary()).isZero();
		assertThat(result.load().completed()).as(result.summary()).isEqualTo(result.load().scheduled());
		assertThat(result.terminations()).as(result.summary()).hasSize(2).allSatisfy((termination) -> {
			assertThat(termination.killed()).isFalse();
			assertThat(termination.exitCode()).isEqualTo(143);
			assertThat(termination.preStop()).endsWith("-> 200");
			String log = Files.readString(result.directory().resolve(termination.pod() + ".log"));
			assertThat(log).contains("zdt: drain started (trigger=endpoint, strategy=aws-target-health>adaptive")
				.contains("zdt: hold ended (reason=");
		});
	}

	/**
	 * Issue 23's set-up, shortened: two load balancer nodes reach the pods from their own
	 * addresses; the busy one (~640 req/s) stops at {@code draining}, the quiet one (~4
	 * req/s, an ALB node in another zone) 8 to 9 s later, and both route until told to
	 * drain. One replica keeps the run short and sends the draining pod all of the quiet
	 * node's requests. The ALB's {@code draining} alone must not end a hold while the
	 * quiet node's requests still arrive: the late node's lag is longer than the 5 s
	 * propagation margin plus a 2 s poll, so a hold that trusts {@code draining} alone
	 * lets the pod exit before that node lets go.
	 */
	@Test
	void zdtWithTheAwsTargetHealthStrategyLosesNoRequestWhenALoadBalancerNodeLetsGoLate() throws Exception {
		RunSpec spec = this.base.withScenario(Scenario.ZDT_AWS)
			.withRate(644)
			.withLag(LagRange.parse("2-3"))
			.withNodes(LoadBalancerNodes.parse(2, "160:1", "0,8-9"))
			.withHealthCheck(HealthCheck.defaults().untilDeregistered())
			.withWarmUp(Duration.ofSeconds(3), Duration.ofSeconds(2))
			.withSize(1, 1);
		RunResult result = run("zdt-aws-nodes", spec);
		assertThat(result.load().nodes()).as(result.summary()).containsOnlyKeys("lb-node-1", "lb-node-2");
		assertThat(result.load().nodes().get("lb-node-2").requests()).as(result.summary()).isPositive();
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
		assertThat(result.load().clientErrors()).as(result.summary()).isZero();
		assertThat(result.load().completed()).as(result.summary()).isEqualTo(result.load().scheduled());
		assertThat(result.terminations()).as(result.summary()).singleElement().satisfies((termination) -> {
			assertThat(termination.killed()).isFalse();
			assertThat(termination.exitCode()).isEqualTo(143);
			assertThat(termination.preStop()).endsWith("-> 200");
			assertThat(termination.duration()).isGreaterThan(termination.lastNodeLag());
		});
	}

	/**
	 * Issue 12's set-up, shortened: 1 s at 600 req/s then 2 s of silence, a load balancer
	 * that keeps routing to a not-ready target until the controller deregisters it. A
	 * silence of the traffic's ordinary shape must not end the hold before the load
	 * balancer lets go.
	 */
	@Test
	void zdtOnItsDefaultsLosesNoRequestOfBurstyTrafficBehindALoadBalancerThatRoutesUntilDeregistered()
			throws Exception {
		RunSpec spec = this.base.withShape("bursty")
			.withLag(LagRange.parse("4-6"))
			.withHealthCheck(HealthCheck.defaults().untilDeregistered())
			.withWarmUp(Duration.ofSeconds(10), Duration.ofSeconds(3))
			.withSize(2, 1);
		RunResult result = run("zdt-adaptive-bursty", spec);
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
		assertThat(result.load().clientErrors()).as(result.summary()).isZero();
		assertThat(result.load().completed()).as(result.summary()).isEqualTo(result.load().scheduled());
		assertThat(result.terminations()).as(result.summary()).hasSize(2).allSatisfy((termination) -> {
			assertThat(termination.killed()).isFalse();
			assertThat(termination.exitCode()).isEqualTo(143);
			assertThat(termination.preStop()).endsWith("-> 200");
			assertThat(Files.readString(result.directory().resolve(termination.pod() + ".log")))
				.contains("zdt: hold ended (reason=");
		});
	}

	@Test
	void springBootDefaultsLoseRequestsInTheSameSetUp() throws Exception {
		RunResult result = run("boot-defaults", this.base.withScenario(Scenario.BOOT_DEFAULTS).withSize(2, 1));
		assertThat(result.load().serverErrors() + result.load().clientErrors()).as(result.summary()).isPositive();
	}

	private RunResult run(String name, RunSpec spec) throws Exception {
		Path directory = WORK.resolve("it-" + name);
		RunResult result = new LabRun(RolloutLab.image(), directory, System.out::println).execute(spec);
		Files.writeString(directory.resolve("timeline.svg"), TimelineSvg.render(result));
		return result;
	}

}
