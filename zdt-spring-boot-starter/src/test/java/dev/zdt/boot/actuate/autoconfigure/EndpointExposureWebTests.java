package dev.zdt.boot.actuate.autoconfigure;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.testsupport.net.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EndpointExposureWebTests {

	private static final String QUICK = "zdt.drain.max-hold=0s";

	private static final String TOKEN = "zdt.drain.token=7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2";

	@Test
	void drainOnTheApplicationPortWithoutTokenIsWarnedAbout() {
		try (RunningApp app = RunningApp.start(QUICK, "zdt.drain.min-hold=0s")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning())
				.contains("/actuator/zdt/drain is exposed on the application port without a token");
		}
	}

	@Test
	void drainOnItsOwnManagementPortWithoutTokenIsWarnedAboutToo() {
		try (RunningApp app = RunningApp.start(true, QUICK, "zdt.drain.min-hold=0s")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning())
				.contains("/actuator/zdt/drain needs no token", "any pod in the cluster", "zdt.drain.token");
		}
	}

	@Test
	void endpointOnTheApplicationPortIsWarnedAboutAtStartupEvenWithAToken(CapturedOutput output) {
		try (RunningApp app = RunningApp.start(QUICK, "zdt.drain.min-hold=0s", TOKEN)) {
			String warning = app.context().getBean(EndpointExposureCheck.class).warning();
			assertThat(warning).contains("/actuator/zdt is served on the application port",
					"anyone the load balancer lets in", "management.server.port");
			assertThat(output).contains("WARN").contains(warning);
		}
	}

	@Test
	void managementPortEqualToTheApplicationPortIsWarnedAboutEvenWithAToken() {
		int port = FreePorts.find();
		try (RunningApp app = RunningApp.start(QUICK, "zdt.drain.min-hold=0s", TOKEN, "server.port=" + port,
				"management.server.port=" + port)) {
			assertThat(app.port()).isEqualTo(port);
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning())
				.contains("/actuator/zdt is served on the application port");
		}
	}

	@Test
	void drainWithTokenOnItsOwnManagementPortIsNotWarnedAbout() {
		try (RunningApp app = RunningApp.start(true, QUICK, "zdt.drain.min-hold=0s", TOKEN)) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning()).isNull();
		}
	}

}
