package dev.zdt.boot.work;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zdt.boot.actuate.ZdtEndpoint;
import dev.zdt.boot.actuate.autoconfigure.ZdtEndpointAutoConfiguration;
import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.work.autoconfigure.ZdtWorkAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.work.ShutdownParticipant;
import dev.zdt.core.work.ShutdownParticipants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ZdtWorkAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtWorkAutoConfiguration.class,
				ZdtEndpointAutoConfiguration.class, EndpointAutoConfiguration.class, LifecycleAutoConfiguration.class))
		.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.delay=500ms", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=1s", "management.endpoints.web.exposure.include=zdt");

	@Test
	void aParticipantBeanHearsTheDrainAndIsAwaitedAfterTheHold(CapturedOutput output) {
		Exports exports = new Exports();
		this.contextRunner.withBean(Exports.class, () -> exports).run((context) -> {
			DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
			coordinator.startDrain(DrainTrigger.ENDPOINT);
			context.close();
			assertThat(exports.calls).containsExactly("drainStarted", "holdEnded", "awaitFinished");
			assertThat(output).contains("hold ended").contains("work in progress: exports=2");
			assertThat(output).contains("shutdown complete").contains("work unfinished: exports=0");
		});
	}

	@Test
	void theStatusShowsEachParticipantsWorkInProgress() {
		this.contextRunner.withBean(Exports.class, Exports::new)
			.run((context) -> assertThat(context.getBean(ZdtEndpoint.class).status().participants())
				.isEqualTo(Map.of("exports", Map.of("inProgress", 2L))));
	}

	@Test
	void withoutParticipantsThereIsNothingToWaitFor() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(ShutdownParticipants.class).names()).isEmpty();
			assertThat(context.getBean(ZdtEndpoint.class).status().participants()).isEmpty();
		});
	}

	@Test
	void disabledBacksOff() {
		this.contextRunner.withPropertyValues("zdt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ShutdownParticipants.class)
				.doesNotHaveBean(ParticipantsLifecycle.class));
	}

	@Test
	void theWaitRunsInTheWebServersGracefulShutdownPhaseBeforeTheExecutorsStop() {
		assertThat(ParticipantsLifecycle.PHASE).isEqualTo(BootWebServers.gracefulShutdownPhase())
			.isGreaterThan(ExecutorConfigurationSupport.DEFAULT_PHASE);
	}

	@Test
	void theWaitEndsBeforeSpringGivesUpOnThePhase() {
		assertThat(ParticipantsLifecycle.awaitTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(28));
		assertThat(ParticipantsLifecycle.awaitTimeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
	}

	static class Exports implements ShutdownParticipant {

		final List<String> calls = new CopyOnWriteArrayList<>();

		private volatile long inProgress = 2;

		@Override
		public String name() {
			return "exports";
		}

		@Override
		public void drainStarted() {
			this.calls.add("drainStarted");
		}

		@Override
		public void holdEnded() {
			this.calls.add("holdEnded");
		}

		@Override
		public void drainCancelled() {
			this.calls.add("drainCancelled");
		}

		@Override
		public long inProgress() {
			return this.inProgress;
		}

		@Override
		public long awaitFinished(Duration timeout) {
			this.calls.add("awaitFinished");
			this.inProgress = 0;
			return 0;
		}

	}

}
