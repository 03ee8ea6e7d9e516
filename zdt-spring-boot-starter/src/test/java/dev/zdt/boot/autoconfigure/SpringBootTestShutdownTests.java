package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.boot.testapp.TestApplication;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @SpringBootTest} with a real server: closing its context drains without
 * holding, so a test suite does not wait for a load balancer that is not there, unless
 * the test asks for the hold. The contexts are loaded and closed by Spring's TestContext
 * framework, as in a user's suite ({@code @DirtiesContext} closes through the same call),
 * so that the close can be timed.
 */
class SpringBootTestShutdownTests {

	@Test
	void closingTheContextOfASpringBootTestDrainsWithoutHolding() {
		TestContext test = new TestContextManager(OnDefaults.class).getTestContext();
		DrainCoordinator coordinator = test.getApplicationContext().getBean(DrainCoordinator.class);
		Duration close = timeClose(test);
		assertThat(close).as("close with max-hold on its default of 30 s").isLessThan(Duration.ofSeconds(5));
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(coordinator.status().trigger()).isEqualTo(DrainTrigger.SHUTDOWN);
		assertThat(coordinator.bounds().maxHold()).isZero();
	}

	@Test
	void aSpringBootTestThatAsksForTheHoldHolds() {
		TestContext test = new TestContextManager(HoldInTests.class).getTestContext();
		DrainCoordinator coordinator = test.getApplicationContext().getBean(DrainCoordinator.class);
		Duration close = timeClose(test);
		assertThat(close).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(coordinator.status().holdEndReason()).isEqualTo("delay");
		assertThat(coordinator.bounds().maxHold()).isEqualTo(Duration.ofSeconds(2));
	}

	private static Duration timeClose(TestContext test) {
		long start = System.nanoTime();
		test.markApplicationContextDirty(null);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** zdt on its defaults: max hold 30 s, min hold 5 s. */
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	static class OnDefaults {

	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "zdt.drain.hold-in-tests=true", "zdt.drain.strategy=fixed", "zdt.drain.delay=1s",
					"zdt.drain.min-hold=0s", "zdt.drain.max-hold=2s" })
	static class HoldInTests {

	}

}
