package dev.zdt.shutdownbench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** A user starting an export job now and then, as long as the instance answers. */
final class ExportJobs {

	private final Thread thread;

	private volatile boolean running = true;

	ExportJobs(Worker worker, Duration period) {
		this.thread = new Thread(() -> send(worker, period), "export-jobs");
		this.thread.start();
	}

	private void send(Worker worker, Duration period) {
		long next = System.nanoTime();
		for (int id = 0; this.running && worker.isAlive(); id++) {
			try {
				worker.export(Integer.toString(id));
			}
			catch (InterruptedException ex) {
				return;
			}
			next += period.toNanos();
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	void stop() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join();
	}

}
