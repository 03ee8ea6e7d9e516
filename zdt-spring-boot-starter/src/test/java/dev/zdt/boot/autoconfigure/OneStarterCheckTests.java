package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import dev.zdt.core.DrainCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link OneStarterCheck}: an application with both zdt starters fails to start
 * and says which to keep, before its web server starts; with zdt off it starts and warns;
 * one starter starts.
 */
@ExtendWith(OutputCaptureExtension.class)
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

	@Test
	void withBothStartersTheApplicationFailsBeforeItsWebServerStartsAndTheFailureSaysWhichToKeep(
			@TempDir Path otherStarter, CapturedOutput output) throws Exception {
		try (URLClassLoader both = withSecondStarter(otherStarter)) {
			SpringApplication application = new SpringApplication(new DefaultResourceLoader(both),
					PlainApplication.class);
			application.setDefaultProperties(Map.of("server.port", "0", "spring.main.banner-mode", "off"));
			assertThatException().isThrownBy(application::run)
				.isInstanceOf(IllegalStateException.class)
				.withMessageContaining("more than one zdt starter is on the class path")
				.withNoCause();
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("More than one zdt starter is on the class path")
				.contains("Keep one: zdt-spring-boot-starter for Spring Boot 4")
				.doesNotContain("Tomcat initialized")
				.doesNotContain("Unable to start");
		}
	}

	@Test
	void withBothStartersAndZdtOffTheApplicationStartsAndWarns(@TempDir Path otherStarter, CapturedOutput output)
			throws Exception {
		try (URLClassLoader both = withSecondStarter(otherStarter)) {
			SpringApplication application = new SpringApplication(new DefaultResourceLoader(both),
					PlainApplication.class);
			application.setDefaultProperties(
					Map.of("server.port", "0", "spring.main.banner-mode", "off", "zdt.enabled", "false"));
			try (ConfigurableApplicationContext context = application.run()) {
				assertThat(context.isActive()).isTrue();
				assertThat(output).contains("WARN")
					.contains("zdt: more than one zdt starter is on the class path")
					.contains("zdt.enabled=false");
			}
		}
	}

	private URLClassLoader withSecondStarter(Path otherStarter) throws IOException {
		Path marker = otherStarter.resolve(OneStarterCheck.MARKER);
		Files.createDirectories(marker.getParent());
		Files.writeString(marker, "artifact=zdt-spring-boot3-starter\nspring-boot=3\n");
		return new URLClassLoader(new URL[] { otherStarter.toUri().toURL() }, getClass().getClassLoader());
	}

	/**
	 * A web application with every auto-configuration on the test class path and no beans
	 * of its own, so that it starts with zdt off too.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApplication {

	}

}
