package dev.zdt.lab.rollout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zdt.lab.pod.PodImage;
import dev.zdt.lab.pod.PodTemplate;
import dev.zdt.lab.pod.StandInImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the lab (HAProxy, pods as processes, rolling updates, load) with a
 * stand-in for the sample app that starts in a blink: one that holds while the load
 * balancer catches up loses nothing, one that stops at once on SIGTERM loses requests.
 *
 * @author zdt
 */
class LabRunTests {

	private static final Path WORK = Path.of(System.getProperty("zdt.lab.work", "target/lab"));

	private final RunSpec base = RunSpec.of(Scenario.ZDT_ADAPTIVE)
		.withRate(200)
		.withLag(LagRange.parse("0.5-1.5"))
		.withSize(2, 1)
		.withWarmUp(Duration.ofSeconds(1), Duration.ofSeconds(1))
		.withSeed(42);

	@Test
	void podsThatHoldUntilTheLoadBalancerDrainedThemLoseNoRequest() throws Exception {
		RunSpec spec = this.base
			.withScenario(Scenario.ZDT_ADAPTIVE.withExtraArguments(List.of("--standin.hold-ms=3000")));
		RunResult result = new LabRun(StandInImage.get(), WORK.resolve("stand-in-hold"), System.out::println)
			.execute(spec);
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
		assertThat(result.load().clientErrors()).as(result.summary()).isZero();
		assertThat(result.load().completed()).isGreaterThan(1000);
		assertThat(result.terminations()).hasSize(2).allSatisfy((termination) -> {
			assertThat(termination.killed()).isFalse();
			assertThat(termination.preStop()).contains("-> 200");
			assertThat(termination.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		});
		assertThat(result.events()).extracting(Event::kind)
			.contains(Event.Kind.READY, Event.Kind.DELETED, Event.Kind.DEREGISTERED, Event.Kind.PRESTOP_DONE,
					Event.Kind.SIGTERM, Event.Kind.EXITED, Event.Kind.REMOVED);
		assertThat(result.load().timeline().okByServer()).containsKeys("pod-1", "pod-2", "pod-3", "pod-4");
	}

	@Test
	void eachOfSeveralLoadBalancerNodesGetsItsShareAndStopsRoutingItsOwnLagAfterDraining() throws Exception {
		RunSpec spec = this.base.withNodes(LoadBalancerNodes.parse(2, "3:1", "0,2-2.5"))
			.withScenario(Scenario.ZDT_ADAPTIVE.withExtraArguments(List.of("--standin.hold-ms=6000")));
		RunResult result = new LabRun(StandInImage.get(), WORK.resolve("stand-in-nodes-hold"), System.out::println)
			.execute(spec);
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
		assertThat(result.load().clientErrors()).as(result.summary()).isZero();
		assertThat(result.load().nodes()).as(result.summary()).containsOnlyKeys("lb-node-1", "lb-node-2");
		long busy = result.load().nodes().get("lb-node-1").requests();
		long quiet = result.load().nodes().get("lb-node-2").requests();
		assertThat((double) quiet).as(result.summary()).isBetween(0.15 * (busy + quiet), 0.35 * (busy + quiet));
		assertThat(result.terminations()).as(result.summary()).hasSize(2).allSatisfy((termination) -> {
			assertThat(termination.lag()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
			assertThat(termination.lastNodeLag().minus(termination.lag())).isBetween(Duration.ofMillis(2000),
					Duration.ofMillis(2500));
		});
		for (String pod : List.of("pod-1", "pod-2")) {
			Event draining = event(result, pod, Event.Kind.DEREGISTERED);
			Event lateNode = event(result, pod, Event.Kind.NODE_DRAINED);
			assertThat(lateNode.detail()).startsWith("lb-node-2 stopped routing");
			assertThat(Duration.ofNanos(lateNode.nanos() - draining.nanos())).as(result.summary())
				.isGreaterThanOrEqualTo(Duration.ofMillis(1900));
		}
		assertThat(Files.readString(result.directory().resolve("lb-node-2").resolve("haproxy.cfg")))
			.contains("source 127.0.0.3");
	}

	@Test
	void podsThatStopBeforeTheLateLoadBalancerNodeLetGoLoseRequestsOnThatNodeOnly() throws Exception {
		RunSpec spec = this.base.withLag(LagRange.parse("0.5-1"))
			.withNodes(LoadBalancerNodes.parse(2, "1:1", "0,3-3.5"))
			.withScenario(Scenario.ZDT_ADAPTIVE.withExtraArguments(List.of("--standin.hold-ms=2000")));
		RunResult result = new LabRun(StandInImage.get(), WORK.resolve("stand-in-nodes-early"), System.out::println)
			.execute(spec);
		assertThat(result.load().nodes().get("lb-node-2").failed()).as(result.summary()).isPositive();
		assertThat(result.load().nodes().get("lb-node-1").failed()).as(result.summary()).isZero();
		assertThat(result.loadBalancerErrors()).as(result.summary()).isNotEmpty().allSatisfy((key, count) -> {
			assertThat(key).startsWith("lb-node-2 ");
		});
	}

	@Test
	void podsRunTheImageTheirScenarioNames() throws Exception {
		List<String> pulled = new CopyOnWriteArrayList<>();
		PodImage standIn = StandInImage.get();
		PodImage registry = new PodImage() {

			@Override
			public PodTemplate template(List<String> jvmOptions, List<String> appArguments) {
				throw new AssertionError("the pods ran the default image");
			}

			@Override
			public PodImage named(String name) {
				pulled.add(name);
				return standIn;
			}

		};
		RunResult result = new LabRun(registry, WORK.resolve("stand-in-boot3"), System.out::println)
			.execute(this.base.withScenario(Scenario.ZDT_BOOT3.withExtraArguments(List.of("--standin.hold-ms=3000"))));
		assertThat(pulled).isNotEmpty().containsOnly(Scenario.SAMPLE_APP_BOOT3);
		assertThat(result.load().serverErrors()).as(result.summary()).isZero();
	}

	@Test
	void podsThatStopAtOnceOnSigtermLoseRequests() throws Exception {
		RunResult result = new LabRun(StandInImage.get(), WORK.resolve("stand-in-plain"), System.out::println)
			.execute(this.base.withScenario(Scenario.BOOT_DEFAULTS));
		assertThat(result.load().serverErrors() + result.load().clientErrors()).as(result.summary()).isPositive();
		assertThat(result.loadBalancerErrors()).as(result.summary()).isNotEmpty();
		assertThat(result.terminations()).hasSize(2).allSatisfy((termination) -> {
			assertThat(termination.duration()).isLessThan(Duration.ofSeconds(3));
			assertThat(termination.exitCode()).isEqualTo(143);
		});
	}

	@Test
	void podThatIgnoresSigtermIsKilledWhenTheGracePeriodIsSpent() throws Exception {
		Scenario stubborn = new Scenario("stubborn", "holds longer than the grace period",
				List.of("--standin.hold-ms=60000"), Scenario.ZDT_SIGTERM_ONLY.preStop(), Duration.ofSeconds(2));
		RunResult result = new LabRun(StandInImage.get(), WORK.resolve("stand-in-stubborn"), System.out::println)
			.execute(this.base.withScenario(stubborn).withSize(1, 1).withRate(20));
		assertThat(result.terminations()).singleElement().satisfies((termination) -> {
			assertThat(termination.killed()).isTrue();
			assertThat(termination.exitCode()).isEqualTo(137);
			assertThat(termination.duration()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
		});
	}

	private static Event event(RunResult result, String pod, Event.Kind kind) {
		return result.events()
			.stream()
			.filter((event) -> event.pod().equals(pod) && event.kind() == kind)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " of " + pod + " in\n" + result.summary()));
	}

}
