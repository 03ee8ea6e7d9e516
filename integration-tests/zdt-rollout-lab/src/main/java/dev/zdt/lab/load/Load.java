package dev.zdt.lab.load;

/**
 * Traffic through the load balancer during a lab run.
 *
 * @author zdt
 */
public interface Load {

	/**
	 * Start sending.
	 */
	void start();

	/**
	 * Stop and report.
	 * @return what the load saw
	 * @throws InterruptedException if interrupted while stopping
	 */
	LoadReport stop() throws InterruptedException;

}
