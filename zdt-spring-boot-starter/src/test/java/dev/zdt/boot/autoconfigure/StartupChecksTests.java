package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupChecksTests {

	private final ZdtProperties properties = new ZdtProperties();

	private final ShutdownTimings graceful = new ShutdownTimings(Duration.ofSeconds(30), "graceful");

	@Test
	void budgetThatDoesNotFitTheGracePeriodWarnsWithTheNumbersAndTheFix() {
		this.properties.setTerminationGracePeriod(Duration.ofSeconds(30));
		assertThat(new StartupChecks(this.properties, this.graceful, () -> null).warnings()).singleElement()
			.asString()
			.contains("max hold 30.000s", "timeout-per-shutdown-phase 30.000s", "62.000s",
					"zdt.termination-grace-period 30.000s", "at least 62");
	}

	@Test
	void budgetThatFitsGivesNoWarning() {
		this.properties.setTerminationGracePeriod(Duration.ofSeconds(62));
		assertThat(new StartupChecks(this.properties, this.graceful, () -> null).warnings()).isEmpty();
	}

	@Test
	void noGracePeriodMeansNoBudgetCheck() {
		assertThat(new StartupChecks(this.properties, this.graceful, () -> null).warnings()).isEmpty();
	}

	@Test
	void immediateServerShutdownWarns() {
		assertThat(new StartupChecks(this.properties, new ShutdownTimings(Duration.ofSeconds(30), "immediate"), () -> null)
			.warnings()).singleElement().asString().contains("server.shutdown=immediate");
	}

	@Test
	void deregistrationDelayShorterThanHoldAndShutdownWarns() {
		assertThat(new StartupChecks(this.properties, this.graceful, () -> Duration.ofSeconds(45)).warnings()).singleElement()
			.asString()
			.contains("deregistration delay 45.000s", "at least 60");
		assertThat(new StartupChecks(this.properties, this.graceful, () -> Duration.ofSeconds(300)).warnings()).isEmpty();
	}

}
