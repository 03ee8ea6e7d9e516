package dev.zdt.integration;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's run command on a laptop: the sample app on its defaults, with no Kubernetes,
 * ECS or load balancer (spring.main.cloud-platform=none, so that a CI machine that runs
 * in a pod is a laptop too), stopped with Ctrl+C (SIGINT). zdt cannot tell a laptop from
 * a virtual machine whose load balancer or proxy connects from the same host, so it holds
 * as configured, but says at once how long and how to skip the hold; skipped as it says,
 * Ctrl+C stops the app without holding.
 */
class LocalRunIntegrationTests {

	private static final String HOLD_LASTS = "zdt: the hold lasts";

	@Test
	void ctrlCOnDefaultsSaysHowLongTheHoldLastsAndHowToSkipIt() {
		try (SampleApp app = SampleApp.startFromTerminal(SampleServer.TOMCAT, "local-defaults",
				"--spring.main.cloud-platform=none")) {
			app.awaitReady();
			app.process().sigint();
			String line = app.log()
				.awaitLineContaining(HOLD_LASTS, Duration.ofSeconds(30))
				.orElseThrow(() -> new AssertionError("No '" + HOLD_LASTS + "' after SIGINT; " + app.log().tail(40)));
			assertThat(line).contains("the hold lasts 5.000s to 30.000s (zdt.drain.min-hold, zdt.drain.max-hold)",
					"No Kubernetes, ECS or other cloud platform detected", "zdt.drain.max-hold=0s skips the hold");
			assertThat(app.log().linesContaining(DrainLog.DRAIN_STARTED)).singleElement()
				.asString()
				.contains("trigger=shutdown");
		}
	}

	@Test
	void ctrlCWithTheHoldSkippedAsTheLineSaysStopsWithoutHolding() {
		try (SampleApp app = SampleApp.startFromTerminal(SampleServer.TOMCAT, "local-no-hold",
				"--spring.main.cloud-platform=none", "--zdt.drain.max-hold=0s")) {
			app.awaitReady();
			long sigint = System.nanoTime();
			app.process().sigint();
			int exitCode = app.process().awaitExit(Duration.ofSeconds(60));
			Duration stopped = Duration.ofNanos(System.nanoTime() - sigint);
			String holdEnded = app.log()
				.firstLineContaining(DrainLog.HOLD_ENDED)
				.orElseThrow(() -> new AssertionError("No hold ended line; " + app.log().tail(40)));
			System.out.printf("Ctrl+C with zdt.drain.max-hold=0s: exit %d after %d ms (%s)%n", exitCode,
					stopped.toMillis(), holdEnded.substring(holdEnded.indexOf("zdt:")));
			assertThat(holdEnded).contains("held=0.0");
			assertThat(app.log().linesContaining(HOLD_LASTS)).as("nothing to announce").isEmpty();
			assertThat(exitCode).as("the exit code of a JVM stopped by SIGINT").isEqualTo(130);
			assertThat(stopped).as("well under the 30 s hold of the defaults").isLessThan(Duration.ofSeconds(25));
		}
	}

}
