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
 * While it holds readiness down, {@link DrainAwareApplicationAvailability} keeps any
 * other {@code ACCEPTING_TRAFFIC} (such as Spring Boot's own, when a SIGTERM came before
 * the application was ready) from bringing it back.
 *
 * @since 0.1.0
 */
public final class ReadinessDrainListener implements DrainListener {

	private final ApplicationEventPublisher publisher;

	private volatile boolean holdingReadinessDown;

	/**
	 * Creates the listener.
	 * @param publisher where readiness changes are published
	 */
	public ReadinessDrainListener(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		// First the flag, then the event: an ACCEPTING_TRAFFIC published meanwhile is
		// either stored before this REFUSING_TRAFFIC or refused.
		this.holdingReadinessDown = true;
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		this.holdingReadinessDown = false;
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
	}

	/**
	 * Returns whether a drain holds readiness down: from its start until it is cancelled,
	 * through shutdown.
	 * @return {@code true} while readiness must refuse traffic
	 */
	public boolean isHoldingReadinessDown() {
		return this.holdingReadinessDown;
	}

}
