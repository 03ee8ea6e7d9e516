package dev.zdt.boot.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.zdt.boot.work.CoversLifecycleStop;
import dev.zdt.core.ShutdownPhase;
import dev.zdt.core.work.ShutdownParticipant;
import io.awspring.cloud.sqs.listener.AbstractMessageListenerContainer;
import io.awspring.cloud.sqs.listener.ContainerOptions;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.Lifecycle;

/**
 * The SQS listener containers of spring-cloud-aws as a participant of the drain. No load
 * balancer routes to a queue consumer, and another instance receives what this one leaves
 * in the queue: so the containers begin their graceful stop when the drain starts, not
 * when the hold ends. Each stops receiving, finishes the messages in hand and sends their
 * acknowledgements (spring-cloud-aws's own stop, which waits for both, bounded by its
 * listener and acknowledgement shutdown timeouts), all during the hold, so the shutdown
 * takes the longer of the hold and the stop rather than their sum. A cancelled drain
 * starts again the containers it stopped, once their stop is over.
 * <p>
 * Spring's own stop of the containers and their registry (phase
 * {@code Integer.MAX_VALUE}) comes after the hold and finds them stopped or stopping; the
 * participants' wait after the hold waits for the stops still under way. The shutdown
 * budget counts that phase beside the hold ({@link CoversLifecycleStop}), as long as the
 * slowest container's stop: its listener shutdown timeout plus its acknowledgement
 * shutdown timeout, 20 s + 20 s by default.
 *
 * @since 0.2.0
 */
public final class SqsListenerParticipant implements ShutdownParticipant, CoversLifecycleStop {

	private static final Log logger = LogFactory.getLog(SqsListenerParticipant.class);

	private final Supplier<Collection<MessageListenerContainer<?>>> containers;

	private final SqsMessagesInFlight messages;

	private final ThreadFactory threads;

	private final Object monitor = new Object();

	/** The containers this drain stopped, each with its stop. Guarded by the monitor. */
	private final Map<MessageListenerContainer<?>, CompletableFuture<Void>> stops = new LinkedHashMap<>();

	/**
	 * Creates the participant.
	 * @param containers the listener containers, read when the drain starts
	 * @param messages the count of messages in the listeners
	 * @param threads the threads that stop the containers, one each
	 */
	public SqsListenerParticipant(Supplier<Collection<MessageListenerContainer<?>>> containers,
			SqsMessagesInFlight messages, ThreadFactory threads) {
		this.containers = containers;
		this.messages = messages;
		this.threads = threads;
	}

	@Override
	public String name() {
		return "sqs";
	}

	@Override
	public void drainStarted() {
		int stopping = stopRunningContainers().size();
		if (stopping > 0) {
			logger.info("zdt: stopping " + stopping + " SQS listener container(s) as the drain starts, with "
					+ this.messages.count() + " message(s) in their listeners: no load balancer routes to them");
		}
	}

	@Override
	public void drainCancelled() {
		Map<MessageListenerContainer<?>, CompletableFuture<Void>> stopped;
		synchronized (this.monitor) {
			stopped = new LinkedHashMap<>(this.stops);
			this.stops.clear();
		}
		stopped.forEach((container, stop) -> stop.whenComplete((result, failure) -> start(container)));
	}

	@Override
	public ShutdownPhase.Overlap overlap(Lifecycle bean) {
		boolean ours = bean instanceof MessageListenerContainerRegistry
				|| (bean instanceof MessageListenerContainer<?> container && this.containers.get().contains(container));
		return ours ? ShutdownPhase.Overlap.HOLD : ShutdownPhase.Overlap.NONE;
	}

	@Override
	public @Nullable Duration synchronousStopBound(Lifecycle bean) {
		Collection<? extends MessageListenerContainer<?>> stopped = (bean instanceof MessageListenerContainerRegistry registry)
				? registry.getListenerContainers() : List.of((MessageListenerContainer<?>) bean);
		Duration longest = Duration.ZERO;
		for (MessageListenerContainer<?> container : stopped) {
			Duration bound = stopBound(container);
			if (bound == null) {
				return null;
			}
			longest = (bound.compareTo(longest) > 0) ? bound : longest;
		}
		return longest;
	}

	private static @Nullable Duration stopBound(MessageListenerContainer<?> container) {
		if (container instanceof AbstractMessageListenerContainer<?, ?, ?> known) {
			ContainerOptions<?, ?> options = known.getContainerOptions();
			return options.getListenerShutdownTimeout().plus(options.getAcknowledgementShutdownTimeout());
		}
		return null;
	}

	@Override
	public long inProgress() {
		return this.messages.count();
	}

	@Override
	public long awaitFinished(Duration timeout) throws InterruptedException {
		// A container started after the drain began stops now.
		List<CompletableFuture<Void>> stopping = stopRunningContainers();
		try {
			CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
				.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			long unfinished = stopping.stream().filter((stop) -> !stop.isDone()).count();
			logger.warn("zdt: " + unfinished + " SQS listener container(s) still stopping after " + timeout + ", with "
					+ this.messages.count() + " message(s) in their listeners");
		}
		catch (ExecutionException ex) {
			// Logged where it happened; the other containers were waited for.
		}
		return this.messages.count();
	}

	private List<CompletableFuture<Void>> stopRunningContainers() {
		synchronized (this.monitor) {
			for (MessageListenerContainer<?> container : new LinkedHashSet<>(this.containers.get())) {
				if (container.isRunning() && !this.stops.containsKey(container)) {
					this.stops.put(container, stop(container));
				}
			}
			return new ArrayList<>(this.stops.values());
		}
	}

	private CompletableFuture<Void> stop(MessageListenerContainer<?> container) {
		CompletableFuture<Void> stopped = new CompletableFuture<>();
		// spring-cloud-aws stops a container on the caller's thread, waiting for the
		// messages in hand and their acknowledgements: the drain must not wait here.
		this.threads.newThread(() -> {
			try {
				container.stop();
				stopped.complete(null);
			}
			catch (RuntimeException ex) {
				logger.warn("zdt: SQS listener container " + container.getId() + " failed to stop", ex);
				stopped.completeExceptionally(ex);
			}
		}).start();
		return stopped;
	}

	private static void start(MessageListenerContainer<?> container) {
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			logger.error("zdt: SQS listener container " + container.getId() + " did not start again after the "
					+ "drain was cancelled", ex);
		}
	}

}
