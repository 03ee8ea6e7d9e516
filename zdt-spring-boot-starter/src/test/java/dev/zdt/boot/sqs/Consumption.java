package dev.zdt.boot.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the first consumer did: the messages it finished while alive, those that reached
 * its listener after the drain had started, and whether the process was killed (as
 * kubelet does when the grace period is spent), after which it does nothing.
 */
final class Consumption {

	private final Duration processing;

	private final Set<String> processed = ConcurrentHashMap.newKeySet();

	private final List<String> processedAgain = new CopyOnWriteArrayList<>();

	private final AtomicInteger inListener = new AtomicInteger();

	private final AtomicInteger startedAfterDrain = new AtomicInteger();

	private volatile int inListenerWhenDrainStarted = -1;

	private volatile boolean drainStarted;

	private volatile boolean killed;

	Consumption(Duration processing) {
		this.processing = processing;
	}

	void process(String body) throws InterruptedException {
		if (this.killed) {
			throw new IllegalStateException("The process was killed");
		}
		if (this.drainStarted) {
			this.startedAfterDrain.incrementAndGet();
		}
		this.inListener.incrementAndGet();
		try {
			// The work itself: a slow listener, as a real one writing to a database is.
			Thread.sleep(this.processing.toMillis());
			if (this.killed) {
				throw new IllegalStateException("The process was killed while processing " + body);
			}
			if (!this.processed.add(body)) {
				this.processedAgain.add(body);
			}
		}
		finally {
			this.inListener.decrementAndGet();
		}
	}

	void drainStarted() {
		this.inListenerWhenDrainStarted = this.inListener.get();
		this.drainStarted = true;
	}

	void kill() {
		this.killed = true;
	}

	boolean isKilled() {
		return this.killed;
	}

	int inListener() {
		return this.inListener.get();
	}

	int inListenerWhenDrainStarted() {
		return this.inListenerWhenDrainStarted;
	}

	int startedAfterDrain() {
		return this.startedAfterDrain.get();
	}

	Set<String> processed() {
		return Set.copyOf(this.processed);
	}

	List<String> processedAgain() {
		return List.copyOf(this.processedAgain);
	}

}
