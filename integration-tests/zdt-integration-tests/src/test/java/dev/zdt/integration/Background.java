package dev.zdt.integration;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a blocking call on a thread of its own (the common pool may have a single thread
 * on a small machine, which would queue concurrent calls instead of running them
 * together).
 */
final class Background {

	private Background() {
	}

	static <T> CompletableFuture<T> call(String name, Callable<T> call) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(call.call());
			}
			catch (Exception | AssertionError ex) {
				result.completeExceptionally(ex);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return result;
	}

}
