package dev.zdt.boot.autoconfigure;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;

import static dev.zdt.boot.testapp.DrainAwait.awaitState;
import static dev.zdt.boot.testapp.DrainAwait.awaitInFlight;
import static org.assertj.core.api.Assertions.assertThat;

class ShutdownWebTests {

	@Test
	void closingTheContextHoldsWhileServingEvenBeyondTheGlobalPhaseTimeout() throws Exception {
		// Holds long enough that the request below arrives during the hold even on a
		// loaded machine.
		RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=5s", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=6s", "spring.lifecycle.timeout-per-shutdown-phase=200ms");
		DrainCoordinator coordinator = app.coordinator();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);
		awaitState(coordinator, DrainState.DRAINING);
		HttpResponse<String> during = app.get("/hello");
		assertThat(during.statusCode()).isEqualTo(200);
		assertThat(during.headers().firstValue("Connection")).hasValue("close");
		closed.get(20, TimeUnit.SECONDS);
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(coordinator.status().trigger()).isEqualTo(DrainTrigger.SHUTDOWN);
		assertThat(coordinator.status().holdEndReason()).isEqualTo("delay");
		assertThat(coordinator.status().holdElapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void duringTheShutdownHoldLifecycleBeansTaskExecutorsAndTheManagementPortStillServe() throws Exception {
		RunningApp app = RunningApp.start(true, "zdt.drain.strategy=fixed", "zdt.drain.delay=5s",
				"zdt.drain.min-hold=0s", "zdt.drain.max-hold=6s");
		assertThat(app.get("/async").body()).isEqualTo("SERVING");
		CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);
		awaitState(app.coordinator(), DrainState.DRAINING);
		HttpResponse<String> async = app.get("/async");
		assertThat(async.statusCode()).isEqualTo(200);
		assertThat(async.body()).as("the task ran during the hold").isEqualTo("DRAINING");
		assertThat(app.get("/client").statusCode()).as("a default-phase lifecycle bean still runs").isEqualTo(200);
		assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
		closed.get(20, TimeUnit.SECONDS);
	}

	@Test
	void shutdownAfterAFinishedHoldDoesNotHoldAgain() throws Exception {
		RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=1s", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=1s");
		DrainCoordinator coordinator = app.coordinator();
		coordinator.drain(DrainTrigger.API);
		long start = System.nanoTime();
		app.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
	}

	@Test
	void aRequestInFlightWhenTheHoldEndsCompletes() throws Exception {
		RunningApp app = RunningApp.start("zdt.drain.strategy=fixed", "zdt.drain.delay=500ms", "zdt.drain.min-hold=0s",
				"zdt.drain.max-hold=1s");
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> app.get("/slow?ms=2500"));
		awaitInFlight(app.coordinator(), 1);
		app.close();
		HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("slow");
	}

}
