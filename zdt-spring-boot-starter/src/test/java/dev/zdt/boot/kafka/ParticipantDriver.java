package dev.zdt.boot.kafka;

import java.time.Duration;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.work.ShutdownParticipant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Calls the application's {@link ShutdownParticipant}s as the drain will once the starter
 * drives them itself: {@code drainStarted} when the drain starts, {@code holdEnded} when
 * the hold ends, {@code drainCancelled} when it is undone (all three through the
 * coordinator's listener calls), and {@code awaitFinished} after the hold, in the
 * context's close right after zdt's own hold and before any lifecycle bean stops. Notes
 * when the drain started and the hold ended, for the tests to count what was processed
 * after.
 */
class ParticipantDriver implements DrainListener, ApplicationListener<ContextClosedEvent>, Ordered {

	static final Duration AWAIT = Duration.ofSeconds(10);

	private final ObjectProvider<ShutdownParticipant> participants;

	private volatile long drainStartedAt;

	private volatile long holdEndedAt;

	ParticipantDriver(ObjectProvider<ShutdownParticipant> participants) {
		this.participants = participants;
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		this.drainStartedAt = System.nanoTime();
		this.participants.orderedStream().forEach(ShutdownParticipant::drainStarted);
	}

	@Override
	public void holdEnded(DrainResult result) {
		this.holdEndedAt = System.nanoTime();
		this.participants.orderedStream().forEach(ShutdownParticipant::holdEnded);
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		this.participants.orderedStream().forEach(ShutdownParticipant::drainCancelled);
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.participants.orderedStream().forEach((participant) -> {
			try {
				participant.awaitFinished(AWAIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	@Override
	public int getOrder() {
		// Right after zdt's DrainLifecycle, which holds in the same event.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	long drainStartedAt() {
		return this.drainStartedAt;
	}

	long holdEndedAt() {
		return this.holdEndedAt;
	}

}
