package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zdt.boot.actuate.autoconfigure.ZdtEndpointAutoConfiguration;
import dev.zdt.boot.web.autoconfigure.ZdtServletAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration README tells users to copy starts as it is, on a laptop where none of
 * the variables it refers to is set.
 */
class ReadmeConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtServletAutoConfiguration.class,
				ZdtEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME));

	@Test
	void documentedPropertiesStartWithoutAnyEnvironmentVariable() throws IOException {
		List<String> properties = readmeProperties();
		assertThat(properties).contains("zdt.drain.token=${ZDT_DRAIN_TOKEN:}");
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DrainCoordinator.class);
			ZdtProperties zdt = context.getBean(ZdtProperties.class);
			assertThat(zdt.getDrain().getToken()).isNull();
			assertThat(zdt.getTerminationGracePeriod()).isNull();
		});
	}

	@Test
	void documentedPropertiesTakeTheVariablesWhenTheyAreSet() throws IOException {
		List<String> properties = new ArrayList<>(readmeProperties());
		properties
			.addAll(List.of("ZDT_DRAIN_TOKEN=7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2", "ZDT_TERMINATION_GRACE_PERIOD=75"));
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			ZdtProperties zdt = context.getBean(ZdtProperties.class);
			assertThat(zdt.getDrain().getToken()).isEqualTo("7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2");
			assertThat(zdt.getTerminationGracePeriod()).isEqualTo(Duration.ofSeconds(75));
		});
	}

	/**
	 * The first {@code properties} block of README, the one under "Use it".
	 */
	private static List<String> readmeProperties() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
		int start = lines.indexOf("```properties");
		assertThat(start).as("a properties block in README.md").isNotNegative();
		List<String> properties = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("```")) {
				break;
			}
			if (!line.isBlank() && !line.startsWith("#")) {
				properties.add(line);
			}
		}
		return properties;
	}

}
