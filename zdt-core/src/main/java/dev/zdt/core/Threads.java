package dev.zdt.core;

import java.util.concurrent.ThreadFactory;

/**
 * Where the drain runs work that must not hold up its caller: the hold, the listeners'
 * calls, the status endpoint's questions to the strategy.
 */
final class Threads {

	private Threads() {
	}

	/**
	 * Runs the task on a new thread of the factory, or on the calling thread when the
	 * factory makes none (rather than never).
	 * @param threads the factory
	 * @param task the task
	 */
	static void start(ThreadFactory threads, Runnable task) {
		Thread thread = null;
		try {
			thread = threads.newThread(task);
			if (thread != null) {
				thread.start();
				return;
			}
		}
		catch (Throwable ex) {
			if (thread != null && thread.isAlive()) {
				return;
			}
		}
		task.run();
	}

}
