package dev.zdt.boot.autoconfigure;

import dev.zdt.boot.testapp.RunningApp;
import org.junit.jupiter.api.Test;

/**
 * A context that is paused and restarted ({@code context.pause()}, Spring Framework 7
 * only) is not shutting down: zdt must not drain for it.
 */
class ContextPauseWebTests {

	@Test
	void pausingAndRestartingTheContextKeepsServing() {
		try (RunningApp app = RunningApp.start(ContextStopWebTests.SHORT_HOLD)) {
			app.context().pause();
			ContextStopWebTests.assertServingAndReady(app);
			app.context().restart();
			ContextStopWebTests.assertServingAndReady(app);
		}
	}

}
