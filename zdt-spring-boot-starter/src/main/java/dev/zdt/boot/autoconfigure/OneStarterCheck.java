package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

/**
 * Fails startup when both zdt starters are on the class path. zdt-spring-boot-starter
 * (Spring Boot 4) and zdt-spring-boot3-starter (Spring Boot 3.5) hold the same classes
 * but for a few that name each line's types, so with both, the class path order would
 * decide which line's types zdt looks for. Each starter carries its own {@link #MARKER}.
 */
final class OneStarterCheck {

	static final String MARKER = "META-INF/zdt/starter.properties";

	private OneStarterCheck() {
	}

	static void check(ClassLoader classLoader) {
		List<URL> markers;
		try {
			markers = Collections.list(classLoader.getResources(MARKER));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading " + MARKER + " failed", ex);
		}
		if (markers.size() > 1) {
			throw new IllegalStateException("zdt: more than one zdt starter is on the class path " + markers
					+ ": keep zdt-spring-boot-starter for Spring Boot 4 or zdt-spring-boot3-starter for "
					+ "Spring Boot 3.5, not both");
		}
	}

}
