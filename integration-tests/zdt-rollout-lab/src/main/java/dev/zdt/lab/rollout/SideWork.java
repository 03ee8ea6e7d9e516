package dev.zdt.lab.rollout;

import java.nio.file.Path;
import java.util.List;

/**
 * Work a lab run drives beside its HTTP load, work no load balancer sees (e.g. Kafka
 * score events and export jobs): it adds arguments to every pod, starts when the rollouts
 * start, stops when they are over, and settles (waits for the pods that still run to
 * finish it, then counts) before the pods go.
 *
 * @author zdt
 */
public interface SideWork {

	/**
	 * No work beside the HTTP load.
	 */
	SideWork NONE = new SideWork() {
	};

	/**
	 * Return the arguments every pod of the run gets.
	 * @param runDirectory the run's directory (for files the pods write)
	 * @return the extra application arguments
	 */
	default List<String> appArguments(Path runDirectory) {
		return List.of();
	}

	/**
	 * Start the work: the first rollout starts now.
	 * @param loadBalancerPort the port of the (first) load balancer node
	 */
	default void rolloutsStarting(int loadBalancerPort) {
	}

	/**
	 * Stop starting work: every rollout is over (every old pod has exited).
	 * @throws InterruptedException if interrupted
	 */
	default void rolloutsFinished() throws InterruptedException {
	}

	/**
	 * Wait until the pods that still run have finished the work in hand, then count;
	 * called before the pods are stopped.
	 * @param result the run's result (its terminations, its directory of pod logs)
	 * @throws InterruptedException if interrupted
	 */
	default void settle(RunResult result) throws InterruptedException {
	}

}
