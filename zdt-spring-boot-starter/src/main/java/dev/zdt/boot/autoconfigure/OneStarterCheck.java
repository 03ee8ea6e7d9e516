package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import dev.zdt.boot.internal.BooleanProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Fails startup when both zdt starters are on the class path. zdt-spring-boot-starter
 * (Spring Boot 4) and zdt-spring-boot3-starter (Spring Boot 3.5) hold the same classes
 * but for a few that name each line's types, so with both, the class path order would
 * decide which line's types zdt looks for. Each starter carries its own {@link #MARKER}.
 * <p>
 * Registered as an {@link ApplicationContextInitializer}
 * ({@code META-INF/spring.factories}) so that it runs before the context refreshes: the
 * failure is the application's own, reported by {@link StarterConflictFailureAnalyzer},
 * not a cause buried under the web server's failure to start. With
 * {@code zdt.enabled=false} it only warns, since zdt does nothing then.
 * {@link ZdtAutoConfiguration} checks too, for contexts that {@code SpringApplication}
 * does not start.
 */
final class OneStarterCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String MARKER = "META-INF/zdt/starter.properties";

	private static final Log logger = LogFactory.getLog(OneStarterCheck.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		List<URL> markers = markers(context.getClassLoader());
		if (markers.size() < 2) {
			return;
		}
		if (Boolean.FALSE.equals(enabled(context.getEnvironment()))) {
			logger.warn(new StarterConflictException(markers).getMessage()
					+ ". zdt.enabled=false, so the application starts, but which starter's classes it uses depends on "
					+ "the class path order: remove one before turning zdt on.");
			return;
		}
		throw new StarterConflictException(markers);
	}

	static void check(@Nullable ClassLoader classLoader) {
		List<URL> markers = markers(classLoader);
		if (markers.size() > 1) {
			throw new StarterConflictException(markers);
		}
	}

	private static List<URL> markers(@Nullable ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : OneStarterCheck.class.getClassLoader();
		try {
			return Collections.list(loader.getResources(MARKER));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading " + MARKER + " failed", ex);
		}
	}

	// Not a boolean is the condition's failure to report; here it only must not be
	// taken for false.
	private static @Nullable Boolean enabled(Environment environment) {
		try {
			return BooleanProperties.read(environment, OnZdtEnabledCondition.ENABLED);
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			return null;
		}
	}

}
