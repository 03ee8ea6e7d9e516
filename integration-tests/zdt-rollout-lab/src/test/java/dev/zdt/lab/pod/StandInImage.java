package dev.zdt.lab.pod;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image of {@link StandInPod}: {@code java -cp <test classes> StandInPod <args>}.
 *
 * @author zdt
 */
public final class StandInImage {

	private StandInImage() {
	}

	/**
	 * Return the image.
	 * @return the image
	 */
	public static PodImage get() {
		return (jvmOptions, appArguments) -> (port, managementPort) -> {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
			command.addAll(jvmOptions);
			command.add("-cp");
			command.add(classes());
			command.add(StandInPod.class.getName());
			command.add("--server.port=" + port);
			command.add("--management.server.port=" + managementPort);
			command.addAll(appArguments);
			return command;
		};
	}

	private static String classes() {
		try {
			return Path.of(StandInPod.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
