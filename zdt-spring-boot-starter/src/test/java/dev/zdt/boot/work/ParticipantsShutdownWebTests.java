package dev.zdt.boot.work;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.InFlightWatchingParticipant;
import dev.zdt.boot.testapp.RunningApp;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real server: the participants are waited for beside the web server's graceful
 * shutdown, not after it, so their wait adds no phase to the shutdown.
 */
class ParticipantsShutdownWebTests {

	@Test
	void participantsAreAwaitedWhileTheRequestsInFlightFinish() throws Exception {
		RunningApp app = RunningApp.start("testapp.in-flight-watching-participant=true", "zdt.drain.strategy=fixed",
				"zdt.drain.delay=1s", "zdt.drain.min-hold=0s", "zdt.drain.max-hold=2s");
		InFlightWatchingParticipant participant = app.context().getBean(InFlightWatchingParticipant.class);
		DrainCoordinator coordinator = app.coordinator();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);
		await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.state() == DrainState.DRAINING);
		// Arrives during the hold and is still in flight well after it ends.
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> app.get("/slow?ms=5000"));
		await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.traffic().inFlight() == 1);
		closed.get(30, TimeUnit.SECONDS);
		assertThat(slow.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(participant.inFlightWhenAwaited()).as("requests in flight when the participant was waited for")
			.isEqualTo(1);
	}

}
