package dev.zdt.boot.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import dev.zdt.core.DrainCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OneStarterCheck}: an application with both zdt starters fails to start
 * and says which to keep; one starter starts.
 */
class OneStarterCheckTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class));

	@Test
	void thisStarterCarriesExactlyOneMarker() throws Exception {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(Collections.list(classLoader.getResources(OneStarterCheck.MARKER))).hasSize(1);
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DrainCoordinator.class));
	}

	@Test
	void aSecondStarterOnTheClassPathFailsStartupNamingBoth(@TempDir Path otherStarter) throws Exception {
		Path marker = otherStarter.resolve(OneStarterCheck.MARKER);
		Files.createDirectories(marker.getParent());
		Files.writeString(marker, "artifact=the-other-zdt-starter\n");
		try (URLClassLoader both = new URLClassLoader(new URL[] { otherStarter.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(both).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("more than one zdt starter is on the class path")
					.hasMessageContaining(marker.toString())
					.hasMessageContaining("zdt-spring-boot-starter for Spring Boot 4")
					.hasMessageContaining("zdt-spring-boot3-starter for Spring Boot 3.5");
			});
		}
	}

}
