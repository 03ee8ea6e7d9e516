package dev.zdt.boot.lifecycle;

import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

/**
 * Spring Boot's {@link ApplicationAvailabilityBean}, with two things a drain needs to
 * know about readiness:
 * <ul>
 * <li>While a drain holds readiness down, an {@code ACCEPTING_TRAFFIC} change is logged
 * and ignored: once the load balancer has been told to stop routing, nothing may tell it
 * otherwise until the drain is cancelled. This happens when SIGTERM comes while the
 * application is still starting: the drain starts, and then Spring Boot reports the
 * application ready.</li>
 * <li>Whether readiness has ever been {@code ACCEPTING_TRAFFIC}: a drain that starts
 * before it has does not hold (see {@link dev.zdt.core.DrainCoordinator}).</li>
 * </ul>
 * A readiness change and the drain's own {@code REFUSING_TRAFFIC} are stored one at a
 * time, so that whichever comes second wins and an {@code ACCEPTING_TRAFFIC} never
 * overwrites the drain's.
 *
 * @since 0.1.0
 */
public final class DrainAwareApplicationAvailability extends ApplicationAvailabilityBean {

	private static final Log logger = LogFactory.getLog(DrainAwareApplicationAvailability.class);

	private final BooleanSupplier holdingReadinessDown;

	private volatile boolean everReady;

	/**
	 * Creates the application's availability.
	 * @param holdingReadinessDown whether a drain holds readiness down now
	 */
	public DrainAwareApplicationAvailability(BooleanSupplier holdingReadinessDown) {
		this.holdingReadinessDown = holdingReadinessDown;
	}

	@Override
	public synchronized void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			if (this.holdingReadinessDown.getAsBoolean()) {
				logger.info("zdt: readiness stays REFUSING_TRAFFIC while draining; ACCEPTING_TRAFFIC from "
						+ event.getSource().getClass().getName() + " ignored");
				return;
			}
			// Before it is stored: a drain that starts once a probe can see it holds.
			this.everReady = true;
		}
		super.onApplicationEvent(event);
	}

	/**
	 * Returns whether readiness has ever been {@code ACCEPTING_TRAFFIC}: only then can a
	 * load balancer have routed to this application.
	 * @return {@code true} once the application has been ready
	 */
	public boolean hasBeenReady() {
		return this.everReady;
	}

}
