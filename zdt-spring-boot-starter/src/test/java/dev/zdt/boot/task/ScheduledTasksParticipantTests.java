package dev.zdt.boot.task;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.task.autoconfigure.ZdtTaskAutoConfiguration;
import dev.zdt.boot.work.autoconfigure.ZdtWorkAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @Scheduled} job on Boot's task scheduler, running back to back (each run takes
 * longer than the rate), while a drain holds shutdown. Without the participant the
 * scheduler starts runs through the whole hold.
 */
class ScheduledTasksParticipantTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtWorkAutoConfiguration.class,
				ZdtTaskAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				LifecycleAutoConfiguration.class))
		.withUserConfiguration(ScheduledJobsConfiguration.class)
		.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.delay=4s", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=5s");

	@Test
	void noRunStartsOnceTheDrainHasStartedAndTheRunningOneFinishes() {
		this.contextRunner.run((context) -> {
			ScheduledJobs jobs = context.getBean(ScheduledJobs.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> jobs.started() > 0);
			context.getBean(DrainCoordinator.class).startDrain(DrainTrigger.ENDPOINT);
			int startedAtDrainStart = jobs.started();
			// The participant hears of the drain on a thread of its own, at most a moment
			// after: one run may still start in that moment, none after.
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(jobs.started()).as("runs started since the drain started")
					.isLessThanOrEqualTo(startedAtDrainStart + 1));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(jobs.finished()).as("runs finished").isEqualTo(jobs.started()));
			int stoppedAt = jobs.started();
			context.close();
			assertThat(jobs.started()).as("runs started during the rest of the hold and the shutdown")
				.isEqualTo(stoppedAt);
		});
	}

	@Test
	void aCancelledDrainSchedulesTheJobsAgain() {
		this.contextRunner.run((context) -> {
			ScheduledJobs jobs = context.getBean(ScheduledJobs.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> jobs.started() > 0);
			DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
			coordinator.startDrain(DrainTrigger.ENDPOINT);
			await().atMost(Duration.ofSeconds(10)).until(() -> jobs.finished() == jobs.started());
			int stoppedAt = jobs.started();
			assertThat(coordinator.cancel()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(jobs.started()).as("runs started after the drain was cancelled")
					.isGreaterThan(stoppedAt + 1));
		});
	}

	@Test
	void aTaskRunningOnTheSchedulerThatWasScheduledByHandIsWaitedFor() {
		// No @Scheduled job here: the one run is the task scheduled by hand.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtWorkAutoConfiguration.class,
					ZdtTaskAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
					LifecycleAutoConfiguration.class))
			.withUserConfiguration(SchedulingOnlyConfiguration.class)
			.run((context) -> {
				ScheduledTasksParticipant participant = context.getBean(ScheduledTasksParticipant.class);
				CountDownLatch release = new CountDownLatch(1);
				CountDownLatch running = new CountDownLatch(1);
				context.getBean(TaskScheduler.class).schedule(() -> {
					running.countDown();
					awaitQuietly(release);
				}, Instant.now());
				assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(participant.inProgress()).as("runs in progress").isGreaterThanOrEqualTo(1);
				assertThat(participant.awaitFinished(Duration.ofMillis(200))).as("unfinished after a short wait")
					.isGreaterThanOrEqualTo(1);
				release.countDown();
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(participant.awaitFinished(Duration.ofSeconds(5))).isZero());
			});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingOnlyConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledJobsConfiguration {

		@Bean
		ScheduledJobs scheduledJobs() {
			return new ScheduledJobs();
		}

	}

	static class ScheduledJobs {

		private final AtomicInteger started = new AtomicInteger();

		private final AtomicInteger finished = new AtomicInteger();

		@Scheduled(fixedRate = 50)
		void cleanUp() throws InterruptedException {
			this.started.incrementAndGet();
			Thread.sleep(200);
			this.finished.incrementAndGet();
		}

		int started() {
			return this.started.get();
		}

		int finished() {
			return this.finished.get();
		}

	}

}
