package dev.zdt.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Asks the hold strategy for its evidence, for the status endpoint, on a thread of its
 * own, and waits for the answer at most {@link #WAIT}: a strategy that does not answer
 * must not keep a status read waiting. Reads at the same time share one question; a
 * question the strategy has left unanswered for longer than that is not asked again until
 * it is answered. The wait is in real time, not the drain's ticker: it is an HTTP
 * client's patience.
 */
final class EvidenceReads {

	/** How long a status read waits for the strategy's evidence at most. */
	static final Duration WAIT = Duration.ofSeconds(1);

	private final ThreadFactory threads;

	private final AtomicReference<Question> last = new AtomicReference<>(
			new Question(CompletableFuture.completedFuture(Map.of()), 0));

	EvidenceReads(ThreadFactory threads) {
		this.threads = threads;
	}

	/**
	 * Returns the evidence, or why there is none.
	 * @param evidence asks the strategy
	 * @return the evidence by name, or an {@code error} entry
	 */
	Map<String, Object> read(Supplier<Map<String, Object>> evidence) {
		Question question = ask(evidence);
		long left = question.askedAt() + WAIT.toNanos() - System.nanoTime();
		try {
			return question.answer().get(Math.max(0, left), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return Map.of("error", "the hold strategy has not answered within " + WAIT);
		}
		catch (ExecutionException ex) {
			return Map.of("error", String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of("error", "interrupted while waiting for the hold strategy");
		}
	}

	private Question last() {
		return Objects.requireNonNull(this.last.get(), "never null: it starts with an answered question");
	}

	private Question ask(Supplier<Map<String, Object>> evidence) {
		Question previous = last();
		if (!previous.answer().isDone()) {
			return previous;
		}
		Question question = new Question(new CompletableFuture<>(), System.nanoTime());
		if (!this.last.compareAndSet(previous, question)) {
			return last();
		}
		Threads.start(this.threads, () -> {
			try {
				question.answer().complete(evidence.get());
			}
			catch (Throwable ex) {
				question.answer().completeExceptionally(ex);
			}
		});
		return question;
	}

	private record Question(CompletableFuture<Map<String, Object>> answer, long askedAt) {

	}

}
