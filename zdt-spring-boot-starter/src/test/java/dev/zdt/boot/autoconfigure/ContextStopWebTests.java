package dev.zdt.boot.autoconfigure;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.lifecycle.DrainLifecycle;
import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context that is stopped and then started again (Spring's test context cache, a CRaC
 * checkpoint) is not shutting down: zdt must not drain for it. Pausing, which only Spring
 * Framework 7 has, is in {@link ContextPauseWebTests}.
 */
class ContextStopWebTests {

	static final String[] SHORT_HOLD = { "zdt.drain.strategy=fixed", "zdt.drain.delay=1s", "zdt.drain.min-hold=0s",
			"zdt.drain.max-hold=2s" };

	@Test
	void stoppingAndStartingTheContextKeepsServing() {
		try (RunningApp app = RunningApp.start(SHORT_HOLD)) {
			long start = System.nanoTime();
			app.context().stop();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop does not hold")
				.isLessThan(Duration.ofMillis(900));
			assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
			app.context().start();
			assertServingAndReady(app);
		}
	}

	@Test
	void aStoppedContextStillHoldsWhenItIsClosed() throws Exception {
		RunningApp app = RunningApp.start(SHORT_HOLD);
		DrainCoordinator coordinator = app.coordinator();
		app.context().stop();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);
		closed.get(20, TimeUnit.SECONDS);
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(coordinator.status().trigger()).isEqualTo(DrainTrigger.SHUTDOWN);
		assertThat(coordinator.status().holdEndReason()).isEqualTo("delay");
	}

	@Test
	void aDrainUnderWayIsJoinedWhenTheContextIsClosed() throws Exception {
		RunningApp app = RunningApp.start(SHORT_HOLD);
		DrainCoordinator coordinator = app.coordinator();
		coordinator.startDrain(DrainTrigger.ENDPOINT);
		long start = System.nanoTime();
		app.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(coordinator.status().trigger()).isEqualTo(DrainTrigger.ENDPOINT);
	}

	@Test
	void theDrainLifecycleIsNotPauseable() {
		try (RunningApp app = RunningApp.start(SHORT_HOLD)) {
			assertThat(app.context().getBean(DrainLifecycle.class).isPauseable()).isFalse();
		}
	}

	static void assertServingAndReady(RunningApp app) {
		assertThat(app.coordinator().state()).isEqualTo(DrainState.SERVING);
		assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> hello = app.get("/hello");
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.headers().firstValue("Connection")).isEmpty();
	}

}
