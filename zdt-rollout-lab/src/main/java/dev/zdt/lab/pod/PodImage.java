package dev.zdt.lab.pod;

import java.util.List;

/**
 * A container image: gives the pod template for a container's arguments.
 *
 * @author zdt
 */
@FunctionalInterface
public interface PodImage {

	/**
	 * Return the template of a pod running this image with the given arguments.
	 * @param appArguments the container's arguments
	 * @return the template
	 */
	PodTemplate template(List<String> appArguments);

}
