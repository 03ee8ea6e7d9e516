package dev.zdt.boot.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.zdt.boot.work.CoversLifecycleStop;
import dev.zdt.core.ShutdownPhase;
import dev.zdt.core.work.ShutdownParticipant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.Lifecycle;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The spring-kafka listener containers (those of {@code @KafkaListener} methods and those
 * declared as beans), as a {@link ShutdownParticipant} whose graceful stop begins when
 * the drain starts: no load balancer routes records, so they need not wait for the hold.
 * Each running container is stopped then: its consumer polls no more, finishes the
 * records in hand (only the current one where the container stops immediately, as zdt
 * sets it up to), commits their offsets and leaves the group, whose other members take
 * over its partitions at once, during the hold, instead of after it. Without this, a
 * consumer fetches through the whole hold and the batch in hand when the hold ends is as
 * large as it can be, with the least time left to finish it.
 * <p>
 * A cancelled drain starts again the containers it stopped, each once its stop has
 * finished. {@link #inProgress()} counts the containers whose stop has begun and not yet
 * finished: a container does not tell how many records it has in hand.
 * <p>
 * The registry and the container beans it holds thus stop at the drain's start
 * ({@link CoversLifecycleStop}, beside the hold): Spring's stop of their lifecycle phase,
 * after the hold, finds them stopped, so the shutdown budget counts that phase beside the
 * hold.
 *
 * @since 0.2.0
 */
public final class KafkaListenerParticipant implements ShutdownParticipant, CoversLifecycleStop {

	private static final Log logger = LogFactory.getLog(KafkaListenerParticipant.class);

	private final ListenerContainerRegistry registry;

	private final Object lock = new Object();

	/** The containers this drain stopped, and when each stop finishes. */
	private final Map<MessageListenerContainer, CompletableFuture<Void>> stopped = new LinkedHashMap<>();

	private boolean draining;

	/**
	 * Creates the participant.
	 * @param registry the registry of the containers to stop, usually spring-kafka's
	 * {@code KafkaListenerEndpointRegistry}
	 */
	public KafkaListenerParticipant(ListenerContainerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public String name() {
		return "kafka";
	}

	@Override
	public void drainStarted() {
		synchronized (this.lock) {
			this.draining = true;
		}
		stopRunningContainers("the drain started");
	}

	@Override
	public void holdEnded() {
		// One started during the hold (by hand or late) stops now.
		stopRunningContainers("the hold ended");
	}

	private void stopRunningContainers(String when) {
		List<MessageListenerContainer> running = this.registry.getAllListenerContainers()
			.stream()
			.filter(MessageListenerContainer::isRunning)
			.toList();
		if (running.isEmpty()) {
			return;
		}
		logger.info("zdt: stopping " + running.size() + " Kafka listener container(s) as " + when
				+ ": their consumers finish the record in hand, commit and leave the group");
		for (MessageListenerContainer container : running) {
			CompletableFuture<Void> stop = new CompletableFuture<>();
			synchronized (this.lock) {
				this.stopped.put(container, stop);
			}
			// The callback runs when the consumer has committed and closed, on its
			// thread.
			container.stop(() -> stop.complete(null));
		}
	}

	@Override
	public ShutdownPhase.Overlap overlap(Lifecycle bean) {
		boolean ours = bean == this.registry || (bean instanceof MessageListenerContainer container
				&& this.registry.getAllListenerContainers().contains(container));
		return ours ? ShutdownPhase.Overlap.HOLD : ShutdownPhase.Overlap.NONE;
	}

	@Override
	public void drainCancelled() {
		List<Map.Entry<MessageListenerContainer, CompletableFuture<Void>>> toStart;
		synchronized (this.lock) {
			this.draining = false;
			toStart = new ArrayList<>(this.stopped.entrySet());
			this.stopped.clear();
		}
		toStart.forEach((entry) -> entry.getValue().thenRun(() -> startUnlessDraining(entry.getKey())));
	}

	private void startUnlessDraining(MessageListenerContainer container) {
		synchronized (this.lock) {
			if (this.draining) {
				return;
			}
		}
		container.start();
	}

	@Override
	public long inProgress() {
		synchronized (this.lock) {
			return this.stopped.values().stream().filter((stop) -> !stop.isDone()).count();
		}
	}

	@Override
	public long awaitFinished(Duration timeout) throws InterruptedException {
		CompletableFuture<?>[] stops;
		synchronized (this.lock) {
			stops = this.stopped.values().toArray(CompletableFuture<?>[]::new);
		}
		try {
			CompletableFuture.allOf(stops).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("zdt: " + inProgress() + " Kafka listener container(s) still stopping after " + timeout);
		}
		catch (ExecutionException ex) {
			// Only ever completed normally.
		}
		return inProgress();
	}

}
