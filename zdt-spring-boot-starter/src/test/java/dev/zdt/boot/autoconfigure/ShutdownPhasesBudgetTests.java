package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.ShutdownPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown budget in a real context: every phase of the running lifecycle beans
 * counts, the warning names the phase that does not fit, zdt fits its own default hold
 * into the grace period, and once the hold has ended the phases are held to what is left
 * of it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownPhasesBudgetTests {

	private static final int EXPORTER_PHASE = 2000;

	private static final int QUEUE_PHASE = 1000;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ZdtAutoConfiguration.class))
		.withBean("exporter", AsyncLifecycle.class, () -> new AsyncLifecycle(EXPORTER_PHASE, true))
		.withBean("queue", AsyncLifecycle.class, () -> new AsyncLifecycle(QUEUE_PHASE, true));

	@Test
	void everyPhaseOfTheRunningBeansCountsAndTheWarningNamesThePhaseThatDoesNotFit() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=62s").run((context) -> {
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofSeconds(30));
			assertThat(context.getBean(StartupChecks.class).warnings()).singleElement()
				.asString()
				.contains("max hold 30.000s + phase 2000 (exporter) 30.000s + phase 1000 (queue) 30.000s",
						"= 92.000s > zdt.termination-grace-period 62.000s", "phase 1000 (queue) 30.000s does not fit",
						"at least 92");
		});
	}

	@Test
	void aShutdownInWhichEveryPhaseFitsGivesNoWarning() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=92s")
			.run((context) -> assertThat(context.getBean(StartupChecks.class).warnings()).isEmpty());
	}

	@Test
	void eachPhaseHasTheTimeoutTheLifecycleProcessorGivesIt() {
		this.contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=20s")
			.withBean("late", AsyncLifecycle.class, () -> new AsyncLifecycle(SmartLifecycle.DEFAULT_PHASE, true))
			.run((context) -> {
				LifecycleProcessors.find(context).setTimeoutForShutdownPhase(QUEUE_PHASE, 5000);
				// The phase that waits for the hold has zdt's timeout: max hold 30 s + 5
				// s.
				assertThat(context.getBean(LifecyclePhases.class).read()).containsExactly(
						new ShutdownPhase(SmartLifecycle.DEFAULT_PHASE, List.of("late"), Duration.ofSeconds(35)),
						new ShutdownPhase(EXPORTER_PHASE, List.of("exporter"), Duration.ofSeconds(20)),
						new ShutdownPhase(QUEUE_PHASE, List.of("queue"), Duration.ofSeconds(5)));
			});
	}

	@Test
	void beansThatAreNotRunningOrStopSynchronouslyAreNotWaitedFor() {
		this.contextRunner.withBean("idle", AsyncLifecycle.class, () -> new AsyncLifecycle(3000, false))
			.withBean("synchronous", SynchronousLifecycle.class)
			.run((context) -> assertThat(context.getBean(LifecyclePhases.class).read()).extracting(ShutdownPhase::beans)
				.containsExactly(List.of("exporter"), List.of("queue")));
	}

	@Test
	void theDefaultMaxHoldIsFittedIntoAShortGracePeriodAndThatIsSaidAtStartup(CapturedOutput output) {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=30s").run((context) -> {
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofSeconds(14));
			assertThat(output).contains("zdt: zdt.drain.max-hold fitted to 14.000s (its default is 30.000s)",
					"zdt.termination-grace-period 30.000s leaves 28.000s");
		});
	}

	@Test
	void aMaxHoldTheUserSetIsNeverChangedOnlyWarnedAbout() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=30s", "zdt.drain.max-hold=30s")
			.run((context) -> {
				assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold())
					.isEqualTo(Duration.ofSeconds(30));
				assertThat(context.getBean(StartupChecks.class).warnings()).singleElement()
					.asString()
					.contains("phase 2000 (exporter) 30.000s does not fit");
			});
	}

	@Test
	void theFittedHoldIsNeverShorterThanAMinHoldTheUserSet() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=30s", "zdt.drain.min-hold=20s")
			.run((context) -> assertThat(context.getBean(DrainCoordinator.class).bounds())
				.satisfies((bounds) -> assertThat(bounds.maxHold()).isEqualTo(Duration.ofSeconds(20)))
				.satisfies((bounds) -> assertThat(bounds.minHold()).isEqualTo(Duration.ofSeconds(20))));
	}

	@Test
	void onKubernetesWithoutAGracePeriodKubernetesDefaultIsAssumedAndSaidAtInfo(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=kubernetes").run((context) -> {
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofSeconds(14));
			assertThat(output).contains("zdt.termination-grace-period 30.000s (unset: Kubernetes' default assumed)");
			StartupChecks checks = context.getBean(StartupChecks.class);
			assertThat(checks.warnings()).isEmpty();
			assertThat(checks.gracePeriodCheck()).contains("phase 2000 (exporter) 30.000s does not fit");
		});
	}

	@Test
	void offKubernetesWithoutAGracePeriodNothingIsAssumed() {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=none").run((context) -> {
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofSeconds(30));
			assertThat(context.getBean(StartupChecks.class).gracePeriodCheck()).isNull();
		});
	}

	@Test
	void onceTheHoldHasEndedThePhasesGetWhatIsLeftOfTheGracePeriod() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=30s").run((context) -> {
			context.getBean(DrainCoordinator.class).drain(DrainTrigger.API);
			List<ShutdownPhase> phases = context.getBean(LifecyclePhases.class).read();
			assertThat(phases).extracting(ShutdownPhase::phase).containsExactly(EXPORTER_PHASE, QUEUE_PHASE);
			// This context never became ready, so the drain did not hold: 28 s are left.
			assertThat(phases.get(0).timeout()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(28));
			assertThat(phases.get(1).timeout()).isZero();
			assertThat(context.getBean(DrainCoordinator.class).cancel()).isTrue();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(context.getBean(LifecyclePhases.class).read())
					.extracting(ShutdownPhase::timeout)
					.containsOnly(Duration.ofSeconds(30)));
		});
	}

	@Test
	void aShutdownWhosePhasesDoNotStopEndsWhenTheGracePeriodRunsOut() {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=6s")
			.withBean("stuck", AsyncLifecycle.class, () -> new AsyncLifecycle(500, true).neverStopping())
			.run((context) -> {
				context.getBean("exporter", AsyncLifecycle.class).neverStopping();
				context.getBean(DrainCoordinator.class).drain(DrainTrigger.API);
				long start = System.nanoTime();
				context.close();
				// 4 s are left for the phases; without the deadline they took 3 x 30 s.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
			});
	}

	static class AsyncLifecycle implements SmartLifecycle {

		private final int phase;

		private final boolean autoStartup;

		private volatile boolean running;

		private volatile boolean stops = true;

		AsyncLifecycle(int phase, boolean autoStartup) {
			this.phase = phase;
			this.autoStartup = autoStartup;
		}

		AsyncLifecycle neverStopping() {
			this.stops = false;
			return this;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public void stop(Runnable callback) {
			this.running = false;
			if (this.stops) {
				callback.run();
			}
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		@Override
		public int getPhase() {
			return this.phase;
		}

	}

	static class SynchronousLifecycle implements SmartLifecycle {

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return 4000;
		}

	}

}
