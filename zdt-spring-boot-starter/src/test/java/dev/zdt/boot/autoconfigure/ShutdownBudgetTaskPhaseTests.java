package dev.zdt.boot.autoconfigure;

import dev.zdt.boot.task.autoconfigure.ZdtTaskAutoConfiguration;
import dev.zdt.boot.work.autoconfigure.ZdtWorkAutoConfiguration;
import dev.zdt.core.ShutdownPhase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget of a service with {@code @Async} and {@code @Scheduled} work on Boot's
 * executor and scheduler, whose phase stops after the participants' wait: zdt's task
 * participants have awaited the executor's and the scheduler's tasks by then, so the
 * phase counts nothing. Hold 30 s + the participants' phase 30 s + 2 s to exit: 62 s,
 * where counting the executors' phase in full asks for 92 s, more than the grace period
 * the shipped manifests give.
 */
class ShutdownBudgetTaskPhaseTests {

	private static final int EXECUTORS_PHASE = Integer.MAX_VALUE / 2;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class, ZdtAutoConfiguration.class, ZdtWorkAutoConfiguration.class,
				ZdtTaskAutoConfiguration.class))
		.withUserConfiguration(BackgroundWorkConfiguration.class)
		.withPropertyValues("zdt.drain.max-hold=30s");

	@Test
	void theExecutorsPhaseCountsNothingOnceTheParticipantsAwaitedItsTasks() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=62s").run((context) -> {
			assertThat(context.getBean(LifecyclePhases.class).read())
				.filteredOn((phase) -> phase.phase() == EXECUTORS_PHASE)
				.singleElement()
				.satisfies((phase) -> assertThat(phase.beans()).contains("applicationTaskExecutor", "taskScheduler"))
				.satisfies((phase) -> assertThat(phase.overlap()).isEqualTo(ShutdownPhase.Overlap.EARLIER_PHASE));
			assertThat(context.getBean(StartupChecks.class).warnings()).isEmpty();
		});
	}

	@Test
	void aGracePeriodTooShortNamesTheExecutorsPhaseAsAwaitedBeforeIt() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=61s")
			.run((context) -> assertThat(context.getBean(StartupChecks.class).warnings()).singleElement()
				.asString()
				.contains("+ phase " + EXECUTORS_PHASE + " (", ") 0.000s (its work awaited before it) + 2.000s to exit "
						+ "= 62.000s > zdt.termination-grace-period 61.000s", "at least 62"));
	}

	@Test
	void withoutZdtsTaskParticipantsTheExecutorsPhaseCountsInFull() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class,
					TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
					ZdtAutoConfiguration.class, ZdtWorkAutoConfiguration.class))
			.withUserConfiguration(BackgroundWorkConfiguration.class)
			.withPropertyValues("zdt.drain.max-hold=30s", "zdt.termination-grace-period=62s")
			.run((context) -> assertThat(context.getBean(StartupChecks.class).warnings()).singleElement()
				.asString()
				.contains("phase " + EXECUTORS_PHASE + " (", ") 30.000s does not fit", "at least 92"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@EnableScheduling
	static class BackgroundWorkConfiguration {

		@Bean
		CleanupJob cleanupJob() {
			return new CleanupJob();
		}

	}

	static class CleanupJob {

		@Scheduled(fixedRate = 60_000)
		void cleanUp() {
		}

	}

}
