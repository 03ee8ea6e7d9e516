package dev.zdt.boot.lifecycle;

import java.time.Duration;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DrainLifecycleTests {

	private static final Duration MAX_HOLD = Duration.ofSeconds(1);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, LifecycleAutoConfiguration.class));

	@Test
	void closingWaitsNoLongerThanTheMaximumHoldPlusTheMarginForAHoldThatNeverEnds() {
		this.contextRunner.withUserConfiguration(StuckHoldConfiguration.class).run((context) -> {
			DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
			coordinator.startDrain(DrainTrigger.ENDPOINT);
			long start = System.nanoTime();
			assertTimeoutPreemptively(Duration.ofSeconds(20), context::close);
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.isLessThan(MAX_HOLD.plus(ShutdownBudget.WAIT_MARGIN).plusSeconds(5));
			assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
			assertThat(coordinator.status().holdFailure()).contains("did not end");
		});
	}

	@Test
	void stoppingTheContextWithoutClosingItNeitherDrainsNorWaitsForADrainUnderWay() {
		this.contextRunner.withUserConfiguration(StuckHoldConfiguration.class).run((context) -> {
			DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
			coordinator.startDrain(DrainTrigger.ENDPOINT);
			long start = System.nanoTime();
			context.getSourceApplicationContext().stop();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MAX_HOLD);
			assertThat(coordinator.state()).isEqualTo(DrainState.DRAINING);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class StuckHoldConfiguration {

		@Bean
		DrainCoordinator stuckCoordinator() {
			return DrainCoordinator.builder()
				.strategy(new FixedDelayStrategy(Duration.ZERO))
				.bounds(new HoldBounds(Duration.ZERO, MAX_HOLD, Duration.ofMillis(100)))
				// A hold thread that never runs the hold, as one that cannot be
				// scheduled.
				.holdThreads((task) -> new Thread(() -> {
				}))
				.build();
		}

	}

}
