package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;

/**
 * Thrown when both zdt starters are on the class path (see {@link OneStarterCheck}).
 */
final class StarterConflictException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private static final String BOOT_4 = "zdt-spring-boot-starter";

	private static final String BOOT_3 = "zdt-spring-boot3-starter";

	private final List<URL> markers;

	StarterConflictException(List<URL> markers) {
		super("zdt: more than one zdt starter is on the class path " + markers + ": keep " + BOOT_4
				+ " for Spring Boot 4 or " + BOOT_3 + " for Spring Boot 3.5, not both");
		this.markers = List.copyOf(markers);
	}

	String description() {
		return "More than one zdt starter is on the class path:\n\n"
				+ this.markers.stream()
					.map((marker) -> "    " + artifact(marker) + "  " + marker)
					.collect(Collectors.joining("\n"))
				+ "\n\nThey hold the same classes, so the class path order would decide which Spring Boot line's "
				+ "types zdt looks for.";
	}

	String action() {
		String keep = "Keep one: " + BOOT_4 + " for Spring Boot 4, or " + BOOT_3 + " for Spring Boot 3.5.";
		String version = SpringBootVersion.getVersion();
		if (version == null) {
			return keep;
		}
		String starter = version.startsWith("3.") ? BOOT_3 : BOOT_4;
		return keep + " This application runs Spring Boot " + version + ": keep " + starter
				+ " and remove the other ('mvn dependency:tree -Dincludes=dev.zdt' shows which dependency brings it).";
	}

	private static String artifact(URL marker) {
		Properties properties = new Properties();
		try (InputStream in = marker.openStream()) {
			properties.load(in);
		}
		catch (IOException ex) {
			return "(unreadable)";
		}
		@Nullable String artifact = properties.getProperty("artifact");
		return (artifact != null) ? artifact : "(unknown)";
	}

}
