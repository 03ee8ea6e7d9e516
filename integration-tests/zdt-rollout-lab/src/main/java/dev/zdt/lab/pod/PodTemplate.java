package dev.zdt.lab.pod;

import java.util.List;

/**
 * The command line of a pod's container: what runs on the given ports.
 *
 * @author zdt
 */
@FunctionalInterface
public interface PodTemplate {

	/**
	 * Return the command that starts a pod.
	 * @param port the application port
	 * @param managementPort the management (actuator) port
	 * @return the command and its arguments
	 */
	List<String> command(int port, int managementPort);

}
