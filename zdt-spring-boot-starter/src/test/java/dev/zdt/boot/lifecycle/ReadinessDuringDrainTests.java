package dev.zdt.boot.lifecycle;

import java.time.Duration;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.time.Ticker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness from the start of a drain: it stays down whatever is published later, and a
 * drain of an application that was never ready does not hold.
 */
class ReadinessDuringDrainTests {

	private static final String[] FIXED_HOLD = { "zdt.drain.strategy=fixed", "zdt.drain.delay=3s",
			"zdt.drain.min-hold=0s", "zdt.drain.max-hold=10s" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ZdtAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class))
		.withBean(Ticker.class, ManualTicker::new)
		.withPropertyValues(FIXED_HOLD);

	@Test
	void readinessStaysRefusingWhenTheApplicationReportsItselfReadyDuringADrain() throws Exception {
		try (RunningApp app = RunningApp.start(true, "zdt.drain.strategy=fixed", "zdt.drain.delay=0s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=5s")) {
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			app.coordinator().drain(DrainTrigger.API);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
			// What Spring Boot publishes when a SIGTERM came before the application was
			// ready.
			AvailabilityChangeEvent.publish(app.context(), ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(app.context().getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			assertThat(app.coordinator().cancel()).isTrue();
			assertThat(app.management("/actuator/health/readiness").statusCode()).as("after a cancel").isEqualTo(200);
		}
	}

	@Test
	void aDrainBeforeTheApplicationWasEverReadyDoesNotHold() {
		this.contextRunner.run((context) -> {
			DrainResult result = context.getBean(DrainCoordinator.class).drain(DrainTrigger.SHUTDOWN);
			assertThat(result.outcome().reason()).isEqualTo(HoldOutcome.NEVER_READY);
			assertThat(result.outcome().held()).isZero();
		});
	}

	@Test
	void aDrainOnceTheApplicationHasBeenReadyHolds() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			DrainResult result = context.getBean(DrainCoordinator.class).drain(DrainTrigger.SHUTDOWN);
			assertThat(result.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
			assertThat(result.outcome().held()).isEqualTo(Duration.ofSeconds(3));
		});
	}

}
