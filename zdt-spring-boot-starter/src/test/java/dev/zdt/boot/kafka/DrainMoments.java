package dev.zdt.boot.kafka;

import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;

/**
 * Notes when the drain started and when the hold ended, for the tests to count what was
 * processed after. It only listens: the starter's own wiring tells the participants.
 */
class DrainMoments implements DrainListener {

	private volatile long drainStartedAt;

	private volatile long holdEndedAt;

	@Override
	public void drainStarted(DrainStatus drain) {
		this.drainStartedAt = System.nanoTime();
	}

	@Override
	public void holdEnded(DrainResult result) {
		this.holdEndedAt = System.nanoTime();
	}

	long drainStartedAt() {
		return this.drainStartedAt;
	}

	long holdEndedAt() {
		return this.holdEndedAt;
	}

}
