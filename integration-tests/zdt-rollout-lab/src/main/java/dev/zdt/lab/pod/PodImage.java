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
	default PodTemplate template(List<String> appArguments) {
		return template(List.of(), appArguments);
	}

	/**
	 * Return the template of a pod running this image with extra JVM options (e.g. system
	 * properties, as {@code JAVA_TOOL_OPTIONS} would give them in a container) and the
	 * given arguments.
	 * @param jvmOptions extra options for the JVM
	 * @param appArguments the container's arguments
	 * @return the template
	 */
	PodTemplate template(List<String> jvmOptions, List<String> appArguments);

	/**
	 * Return the image of the given name from the same registry, as a Deployment naming
	 * another image would pull it. An image that has no others returns itself.
	 * @param name the image's name, e.g. {@code zdt-sample-app-boot3}
	 * @return the image
	 */
	default PodImage named(String name) {
		return this;
	}

}
