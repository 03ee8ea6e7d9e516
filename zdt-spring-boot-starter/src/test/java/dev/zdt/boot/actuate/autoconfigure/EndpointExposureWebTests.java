package dev.zdt.boot.actuate.autoconfigure;

import dev.zdt.boot.testapp.RunningApp;
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
	void drainOnItsOwnManagementPortWithoutTokenIsWarnedAboutToo() {
		try (RunningApp app = RunningApp.start(true, QUICK, "zdt.drain.min-hold=0s")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning())
				.contains("/actuator/zdt/drain needs no token", "any pod in the cluster", "zdt.drain.token");
		}
	}

	@Test
	void drainWithTokenIsNotWarnedAbout() {
		try (RunningApp app = RunningApp.start(QUICK, "zdt.drain.min-hold=0s",
				"zdt.drain.token=7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2")) {
			assertThat(app.context().getBean(EndpointExposureCheck.class).warning()).isNull();
		}
	}

}
