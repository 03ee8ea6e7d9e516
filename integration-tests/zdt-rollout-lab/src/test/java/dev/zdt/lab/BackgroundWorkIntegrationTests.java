package dev.zdt.lab;

import java.nio.file.Path;
import java.time.Duration;

import dev.zdt.lab.rollout.LabRun;
import dev.zdt.lab.rollout.LagRange;
import dev.zdt.lab.rollout.RunResult;
import dev.zdt.lab.rollout.RunSpec;
import dev.zdt.lab.rollout.Scenario;
import dev.zdt.lab.work.BackgroundTally;
import dev.zdt.lab.work.BackgroundWork;
import dev.zdt.lab.work.KafkaBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rolling update of a single pod of the sample app with its background work (score
 * events from a Kafka broker in the lab, export jobs through the load balancer, the
 * scheduled cleanup), zdt on its defaults: nothing lost, nothing processed twice, no run
 * cut, no SIGKILL. It also holds the lab to the sample app's side of their contract
 * (property names, {@code POST /api/exports}, the processed topic, the cleanup's log
 * lines): against a sample app without them nothing is accepted or consumed. Kept short
 * for CI (one pod, 3 events/s, below what its one consumer takes at 200 ms each);
 * {@code bench background} is the measurement.
 *
 * @author zdt
 */
class BackgroundWorkIntegrationTests {

	private static final Path WORK = Path.of(System.getProperty("zdt.lab.work", "target/lab"));

	@Test
	void zdtOnItsDefaultsLosesNoBackgroundWorkThroughARollingUpdate() throws Exception {
		Path directory = WORK.resolve("it-background");
		RunSpec spec = RunSpec.of(Scenario.ZDT_ADAPTIVE)
			.withRate(100)
			.withLag(LagRange.parse("2-3"))
			.withWarmUp(Duration.ofSeconds(3), Duration.ofSeconds(1))
			.withSize(1, 1);
		try (KafkaBroker broker = KafkaBroker.start(directory.resolve("broker.log"))) {
			BackgroundWork work = new BackgroundWork(broker, "it", 3, Duration.ofMinutes(2), System.out::println);
			RunResult result = new LabRun(RolloutLab.image(), directory.resolve("run"), System.out::println, work)
				.execute(spec);
			BackgroundTally tally = work.tally();
			String summary = result.summary() + "\n" + tally.summary();
			assertThat(result.terminations()).as(summary).singleElement().satisfies((termination) -> {
				assertThat(termination.killed()).isFalse();
				assertThat(termination.exitCode()).isEqualTo(143);
			});
			assertThat(tally.lagAtCount()).as(summary).isZero();
			assertThat(tally.eventsProduced()).as(summary).isPositive();
			assertThat(tally.eventsLost()).as(summary).isZero();
			assertThat(tally.eventsTwice()).as(summary).isZero();
			assertThat(tally.exportsAccepted()).as(summary).isPositive();
			assertThat(tally.exportsLost()).as(summary).isZero();
			assertThat(tally.cleanupCut()).as(summary).isZero();
		}
	}

}
