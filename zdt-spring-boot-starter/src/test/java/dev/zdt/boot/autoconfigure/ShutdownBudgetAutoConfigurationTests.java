package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.ShutdownBudget;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's shutdown budget is built from the coordinator's bounds and Spring Boot's
 * own {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
class ShutdownBudgetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ZdtAutoConfiguration.class));

	@Test
	void budgetTakesTheMaxHoldOfTheCoordinatorAndTheShutdownPhaseTimeoutOfSpringBoot() {
		this.contextRunner
			.withPropertyValues("zdt.drain.max-hold=20s", "spring.lifecycle.timeout-per-shutdown-phase=50s")
			.run((context) -> {
				ShutdownBudget budget = context.getBean(ShutdownBudget.class);
				assertThat(budget.maxHold()).isEqualTo(context.getBean(DrainCoordinator.class).bounds().maxHold())
					.isEqualTo(Duration.ofSeconds(20));
				assertThat(budget.phaseTimeout()).isEqualTo(Duration.ofSeconds(50))
					.isEqualTo(context.getBean(LifecycleProperties.class).getTimeoutPerShutdownPhase());
				assertThat(context.getBean(ShutdownPhaseTimeout.class).timeout()).isEqualTo(Duration.ofSeconds(50));
			});
	}

	@Test
	void holdPhaseGetsRoomForALongerHold() {
		this.contextRunner.withPropertyValues("zdt.drain.max-hold=60s").run((context) -> {
			assertThat(context.getBean(ShutdownBudget.class).phaseTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(context.getBean(ShutdownPhaseTimeout.class).timeout()).isEqualTo(Duration.ofSeconds(65));
		});
	}

	@Test
	void reactorNettyResourcesAddTheirShutdownQuietPeriodToTheGracePeriod() {
		this.contextRunner.withBean(ReactorResourceFactory.class).run((context) -> {
			ShutdownBudget budget = context.getBean(ShutdownBudget.class);
			assertThat(budget.resourceRelease()).isEqualTo(Duration.ofSeconds(2));
			assertThat(budget.requiredGracePeriod()).isEqualTo(Duration.ofSeconds(64));
		});
	}

	@Test
	void reactorNettyQuietPeriodIsBootsPropertyWhenSet() {
		this.contextRunner.withBean(ReactorResourceFactory.class)
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=5s")
			.run((context) -> assertThat(context.getBean(ShutdownBudget.class).requiredGracePeriod())
				.isEqualTo(Duration.ofSeconds(67)));
	}

	@Test
	void withoutReactorNettyResourcesNothingIsAdded() {
		this.contextRunner.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=5s")
			.run((context) -> assertThat(context.getBean(ShutdownBudget.class).requiredGracePeriod())
				.isEqualTo(Duration.ofSeconds(62)));
	}

	@Test
	void gracePeriodThatLeavesNoRoomForTheQuietPeriodIsWarnedAbout() {
		this.contextRunner.withBean(ReactorResourceFactory.class)
			.withPropertyValues("zdt.termination-grace-period=33s", "zdt.drain.max-hold=30s")
			.run((context) -> assertThat(context.getBean(StartupChecks.class).warnings()).singleElement()
				.asString()
				.contains("at least 34", "Reactor Netty"));
	}

	@Test
	void shutdownPhaseTimeoutIsReadWithoutBootsLifecycleAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class))
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=45s")
			.run((context) -> assertThat(context.getBean(ShutdownBudget.class).phaseTimeout())
				.isEqualTo(Duration.ofSeconds(45)));
	}

}
