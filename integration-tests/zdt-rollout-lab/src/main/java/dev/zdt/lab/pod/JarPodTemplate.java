package dev.zdt.lab.pod;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Boot executable jar run with {@code java -jar}, ports given as
 * {@code --server.port} and {@code --management.server.port}.
 *
 * @param jar the executable jar
 * @param jvmOptions options for the JVM
 * @param appArguments arguments for the application (e.g. {@code --zdt.enabled=false})
 * @author zdt
 */
public record JarPodTemplate(Path jar, List<String> jvmOptions, List<String> appArguments) implements PodTemplate {

	/**
	 * JVM options for lab pods: small heap, serial GC and C1 only, so that several pods
	 * and the load generator share two cores without starving each other.
	 */
	public static final List<String> LEAN_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-Xss512k");

	/**
	 * Return this template with other application arguments.
	 * @param arguments the application arguments
	 * @return a new template
	 */
	public JarPodTemplate withAppArguments(List<String> arguments) {
		return new JarPodTemplate(this.jar, this.jvmOptions, arguments);
	}

	@Override
	public List<String> command(int port, int managementPort) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.port=" + port);
		command.add("--management.server.port=" + managementPort);
		command.addAll(this.appArguments);
		return command;
	}

}
