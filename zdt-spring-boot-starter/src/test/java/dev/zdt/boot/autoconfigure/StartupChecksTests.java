package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import dev.zdt.core.ShutdownBudget;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StartupChecksTests {

	private final ZdtProperties properties = new ZdtProperties();

	private final ShutdownBudget graceful = new ShutdownBudget(this.properties.getDrain().getMaxHold(),
			Duration.ofSeconds(30));

	@Test
	void budgetThatDoesNotFitTheGracePeriodWarnsWithTheNumbersAndTheFix() {
		this.properties.setTerminationGracePeriod(Duration.ofSeconds(30));
		assertThat(checks(false, () -> null).warnings()).singleElement()
			.asString()
			.contains("max hold 30.000s", "timeout-per-shutdown-phase 30.000s", "62.000s",
					"zdt.termination-grace-period 30.000s", "at least 62");
	}

	@Test
	void budgetThatFitsGivesNoWarning() {
		this.properties.setTerminationGracePeriod(Duration.ofSeconds(62));
		assertThat(checks(false, () -> null).warnings()).isEmpty();
	}

	@Test
	void noGracePeriodMeansNoBudgetCheck() {
		assertThat(checks(false, () -> null).warnings()).isEmpty();
	}

	@Test
	void immediateServerShutdownWarns() {
		assertThat(checks(true, () -> null).warnings()).singleElement()
			.asString()
			.contains("server.shutdown=immediate");
	}

	@Test
	void deregistrationDelayShorterThanHoldAndShutdownWarns() {
		assertThat(checks(false, () -> Duration.ofSeconds(45)).warnings()).singleElement()
			.asString()
			.contains("deregistration delay 45.000s", "at least 60");
		assertThat(checks(false, () -> Duration.ofSeconds(300)).warnings()).isEmpty();
	}

	private StartupChecks checks(boolean immediateServerShutdown, Supplier<@Nullable Duration> deregistrationDelay) {
		return new StartupChecks(this.graceful,
				GracePeriodFit.of(this.properties.getTerminationGracePeriod(), new MockEnvironment()),
				immediateServerShutdown, deregistrationDelay, this.graceful::phases);
	}

}
