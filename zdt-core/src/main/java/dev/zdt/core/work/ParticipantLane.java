package dev.zdt.core.work;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * One participant's calls, in order, each on a new thread: a call that does not return
 * holds up only the calls after it to the same participant.
 */
final class ParticipantLane {

	private final ShutdownParticipant participant;

	private final ThreadFactory threads;

	private final String name;

	private @Nullable CompletableFuture<?> last;

	ParticipantLane(ShutdownParticipant participant, ThreadFactory threads) {
		this.participant = participant;
		this.threads = threads;
		this.name = nameOf(participant);
	}

	private static String nameOf(ShutdownParticipant participant) {
		try {
			return participant.name();
		}
		catch (RuntimeException ex) {
			return participant.getClass().getName();
		}
	}

	String name() {
		return this.name;
	}

	synchronized boolean isBusy() {
		return this.last != null && !this.last.isDone();
	}

	/**
	 * Calls the participant after its earlier calls have returned.
	 * @param <T> what the call returns
	 * @param method the name of the participant's method, for the log
	 * @param call the call
	 * @param failures told of anything the call throws, which then completes
	 * exceptionally
	 * @return the call
	 */
	synchronized <T> Call<T> call(String method, ParticipantCall<T> call, FailureReport failures) {
		CompletableFuture<?> previous = (this.last != null) ? this.last : CompletableFuture.completedFuture(null);
		CompletableFuture<T> result = new CompletableFuture<>();
		previous.whenComplete((ignored, failure) -> start(() -> {
			try {
				result.complete(call.call(this.participant));
			}
			catch (Throwable ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				failures.report(this, method, ex);
				result.completeExceptionally(ex);
			}
		}));
		this.last = result;
		return new Call<>(this, method, result);
	}

	/**
	 * Asks the participant for its work in progress on the calling thread, since the
	 * question must return at once.
	 * @param failures told of anything the question throws
	 * @return the work in progress, or {@code -1} if the question failed
	 */
	long inProgress(FailureReport failures) {
		try {
			return this.participant.inProgress();
		}
		catch (RuntimeException ex) {
			failures.report(this, "inProgress", ex);
			return -1;
		}
	}

	private void start(Runnable task) {
		Thread thread = null;
		try {
			thread = this.threads.newThread(task);
		}
		catch (RuntimeException ex) {
			// Fall through: run it here rather than never.
		}
		if (thread != null) {
			thread.start();
		}
		else {
			task.run();
		}
	}

	/**
	 * A call of a participant method.
	 *
	 * @param <T> what the method returns
	 */
	@FunctionalInterface
	interface ParticipantCall<T> {

		@Nullable T call(ShutdownParticipant participant) throws Exception;

	}

	/**
	 * Where a failing call is reported.
	 */
	@FunctionalInterface
	interface FailureReport {

		void report(ParticipantLane lane, String method, Throwable failure);

	}

	/**
	 * A call made, and its result.
	 *
	 * @param <T> what the method returns
	 * @param lane the participant's lane
	 * @param method the method called
	 * @param result its result
	 */
	record Call<T>(ParticipantLane lane, String method, CompletableFuture<T> result) {

	}

}
