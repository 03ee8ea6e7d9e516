package dev.zdt.boot.testapp;

import java.time.Duration;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.work.ShutdownParticipant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A shutdown participant, present with
 * {@code testapp.in-flight-watching-participant=true}, that notes how many application
 * requests were in flight when it was first waited for: more than none means its wait ran
 * beside the web server's graceful shutdown.
 */
@Component
@ConditionalOnProperty(name = "testapp.in-flight-watching-participant", havingValue = "true")
public class InFlightWatchingParticipant implements ShutdownParticipant {

	private final ObjectProvider<DrainCoordinator> coordinator;

	private volatile int inFlightWhenAwaited = -1;

	InFlightWatchingParticipant(ObjectProvider<DrainCoordinator> coordinator) {
		this.coordinator = coordinator;
	}

	@Override
	public String name() {
		return "in-flight-watching";
	}

	@Override
	public long inProgress() {
		return 0;
	}

	@Override
	public long awaitFinished(Duration timeout) {
		this.inFlightWhenAwaited = this.coordinator.getObject().traffic().inFlight();
		return 0;
	}

	/**
	 * Returns the application requests in flight when the participant was waited for.
	 * @return the count, or {@code -1} if it was not waited for
	 */
	public int inFlightWhenAwaited() {
		return this.inFlightWhenAwaited;
	}

}
