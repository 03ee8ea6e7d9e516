package dev.zdt.boot.task;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.metrics.WorkMetrics;
import dev.zdt.boot.metrics.autoconfigure.ZdtMetricsAutoConfiguration;
import dev.zdt.boot.task.autoconfigure.ZdtTaskAutoConfiguration;
import dev.zdt.boot.work.autoconfigure.ZdtWorkAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.work.ShutdownParticipants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's {@code applicationTaskExecutor} with one thread, so that tasks queue, closed the
 * way the drain closes it. Without the participant, Spring's lifecycle stop of the
 * executor ends as soon as no task happens to run and its destruction then interrupts the
 * running task and cancels the queued ones.
 */
@ExtendWith(OutputCaptureExtension.class)
class TaskExecutorsParticipantTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtWorkAutoConfiguration.class,
				ZdtTaskAutoConfiguration.class, ZdtMetricsAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				LifecycleAutoConfiguration.class))
		.withUserConfiguration(AsyncJobsConfiguration.class)
		.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.delay=1s", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=2s", "spring.task.execution.pool.core-size=1");

	@Test
	void asyncTasksAcceptedDuringTheHoldAreFinishedNotDropped(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			AsyncJobs jobs = context.getBean(AsyncJobs.class);
			ShutdownParticipants participants = context.getBean(ShutdownParticipants.class);
			context.getBean(DrainCoordinator.class).startDrain(DrainTrigger.ENDPOINT);
			for (int i = 0; i < 6; i++) {
				jobs.export(Duration.ofMillis(500));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> jobs.started() > 0);
			assertThat(participants.inProgress()).hasEntrySatisfying(TaskExecutorsParticipant.NAME,
					(inProgress) -> assertThat(inProgress).isPositive());
			context.close();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(jobs.finished()).as("tasks finished of 6 accepted").isEqualTo(6));
			assertThat(participants.unfinished()).containsEntry(TaskExecutorsParticipant.NAME, 0L);
			assertThat(output).contains("work in progress: task-executors=");
		});
	}

	@Test
	void asyncTasksAreFinishedWhenTheContextClosesWithoutADrain() {
		this.contextRunner.run((context) -> {
			AsyncJobs jobs = context.getBean(AsyncJobs.class);
			for (int i = 0; i < 4; i++) {
				jobs.export(Duration.ofMillis(300));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> jobs.started() > 0);
			context.close();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(jobs.finished()).as("tasks finished of 4 accepted").isEqualTo(4));
		});
	}

	@Test
	void tasksLeftWhenTheWaitRunsOutAreCountedLoggedAndMetered(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=1s")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(WorkMetrics.class).bindTo(registry);
				ShutdownParticipants participants = context.getBean(ShutdownParticipants.class);
				AsyncJobs jobs = context.getBean(AsyncJobs.class);
				for (int i = 0; i < 6; i++) {
					jobs.export(Duration.ofMillis(1000));
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> jobs.started() > 0);
				assertThat(registry.get("zdt.work.in.progress").tag("participant", "task-executors").gauge().value())
					.isPositive();
				context.close();
				long unfinished = participants.unfinished().get(TaskExecutorsParticipant.NAME);
				assertThat(unfinished).isPositive();
				assertThat(registry.get("zdt.work.unfinished")
					.tag("participant", "task-executors")
					.functionCounter()
					.count()).isEqualTo(unfinished);
				assertThat(output).contains(unfinished
						+ " unit(s) of work of the shutdown participant 'task-executors' " + "left unfinished");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncJobsConfiguration {

		@Bean
		AsyncJobs asyncJobs() {
			return new AsyncJobs();
		}

	}

	static class AsyncJobs {

		private final AtomicInteger started = new AtomicInteger();

		private final AtomicInteger finished = new AtomicInteger();

		@Async
		public void export(Duration duration) {
			this.started.incrementAndGet();
			try {
				Thread.sleep(duration.toMillis());
				this.finished.incrementAndGet();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		public int started() {
			return this.started.get();
		}

		public int finished() {
			return this.finished.get();
		}

	}

}
