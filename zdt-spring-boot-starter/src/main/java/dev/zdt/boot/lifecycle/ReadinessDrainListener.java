package dev.zdt.boot.lifecycle;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainStatus;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Takes the application out of the load balancer's rotation the moment a drain starts:
 * readiness refuses traffic, liveness stays correct. A cancelled drain puts it back.
 *
 * @since 0.1.0
 */
public final class ReadinessDrainListener implements DrainListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Creates the listener.
	 * @param publisher where readiness changes are published
	 */
	public ReadinessDrainListener(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
	}

}
