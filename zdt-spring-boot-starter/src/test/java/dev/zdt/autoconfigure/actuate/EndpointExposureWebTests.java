package dev.zdt.autoconfigure.actuate;

import dev.zdt.autoconfigure.testapp.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointExposureWebTests {

	private static final String QUICK = "zdt.drain.max-hold=0s";

	@Test
	void drainOnTheApplicationPortWithoutTokenIsWarnedAbout() {
		try (RunningApp app = RunningApp.start(QUICK, "zdt.drain.min-hold=0s")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning())
				.contains("/actuator/zdt/drain is exposed on the application port without a token");
		}
	}

	@Test
	void drainOnItsOwnManagementPortIsNotWarnedAbout() {
		try (RunningApp app = RunningApp.start(true, QUICK, "zdt.drain.min-hold=0s")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning()).isNull();
		}
	}

	@Test
	void drainWithTokenIsNotWarnedAbout() {
		try (RunningApp app = RunningApp.start(QUICK, "zdt.drain.min-hold=0s", "zdt.drain.token=abc")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning()).isNull();
		}
	}

}
