package dev.zdt.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded web servers the sample app is tested on, each with its executable jar
 * (located by the build, see the failsafe configuration in this module's pom): the
 * servlet sample app on Tomcat and on Jetty, the WebFlux one on Reactor Netty.
 */
enum SampleServer {

	TOMCAT("zdt.it.tomcat-jar", "Tomcat started on port"),

	JETTY("zdt.it.jetty-jar", "Jetty started on port"),

	/**
	 * The WebFlux sample app on Reactor Netty.
	 */
	NETTY("zdt.it.netty-jar", "Netty started on port");

	private final String jarProperty;

	private final String startedLine;

	SampleServer(String jarProperty, String startedLine) {
		this.jarProperty = jarProperty;
		this.startedLine = startedLine;
	}

	/**
	 * Returns the executable jar of the sample app on this server.
	 * @return the jar
	 * @throws IllegalStateException when the build did not say where the jar is
	 */
	Path jar() {
		return jarAt(this.jarProperty);
	}

	/**
	 * Returns the executable jar of a variant of the sample app, which a system property
	 * set by the build names, and skips the test on a Spring Boot line that has no such
	 * variant (the property is {@code none}).
	 * @param jarProperty the system property
	 * @return the jar
	 */
	static Path variantJarAt(String jarProperty) {
		assumeTrue(!"none".equals(System.getProperty(jarProperty)),
				() -> "No such variant of the sample app on this Spring Boot line (" + jarProperty + ")");
		return jarAt(jarProperty);
	}

	/**
	 * Returns the executable jar that a system property set by the build names.
	 * @param jarProperty the system property
	 * @return the jar
	 * @throws IllegalStateException when the build did not say where the jar is
	 */
	static Path jarAt(String jarProperty) {
		String location = System.getProperty(jarProperty);
		if (location == null || location.isBlank() || location.startsWith("${")) {
			throw new IllegalStateException("System property " + jarProperty
					+ " is not set: run the tests with 'mvn verify' so failsafe passes the jar's location");
		}
		Path jar = Path.of(location);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No executable jar at " + jar + " (" + jarProperty + ")");
		}
		assertBuiltWithTheExpectedSpringBoot(jar);
		return jar;
	}

	/**
	 * Fails unless the jar carries the Spring Boot version the build says these tests run
	 * on, so that a run meant for one Boot line never passes on another.
	 */
	private static void assertBuiltWithTheExpectedSpringBoot(Path jar) {
		String version = System.getProperty("zdt.it.spring-boot-version", "");
		if (version.isBlank() || version.startsWith("${")) {
			return;
		}
		String expected = "BOOT-INF/lib/spring-boot-" + version + ".jar";
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			if (zip.getEntry(expected) == null) {
				throw new IllegalStateException(jar + " does not hold " + expected + " (zdt.it.spring-boot-version)");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading " + jar + " failed", ex);
		}
	}

	/**
	 * Returns the start of the line the server logs when it listens.
	 * @return the text of the line
	 */
	String startedLine() {
		return this.startedLine;
	}

}
