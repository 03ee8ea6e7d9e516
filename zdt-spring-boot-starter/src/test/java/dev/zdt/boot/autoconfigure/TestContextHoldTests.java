package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.zdt.core.DrainCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a context that Spring's TestContext framework loaded drains without holding: the
 * marker its Spring Boot bootstrapper sets, set by hand in production, is ignored and
 * warned about. That a real {@code @SpringBootTest} still drains without holding is
 * {@link SpringBootTestShutdownTests}'.
 */
@ExtendWith(OutputCaptureExtension.class)
class TestContextHoldTests {

	private static final String MARKER_VARIABLE = "ORG_SPRINGFRAMEWORK_BOOT_TEST_CONTEXT_SPRINGBOOTTESTCONTEXTBOOTSTRAPPER";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class));

	@Test
	void markerFromAnEnvironmentVariableOutsideATestContextIsIgnoredWithAWarning(CapturedOutput output) {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("pod environment", Map.of(MARKER_VARIABLE, "true"))))
			.run((context) -> {
				assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold())
					.isEqualTo(Duration.ofSeconds(30));
				assertThat(output).contains("WARN")
					.contains("zdt: " + TestContextHold.SPRING_BOOT_TEST_MARKER + " is set",
							"not started by Spring's TestContext framework", "holds as configured");
			});
	}

	@Test
	void markerAsAPropertyOutsideATestContextIsIgnoredWithAWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues(TestContextHold.SPRING_BOOT_TEST_MARKER + "=true").run((context) -> {
			assertThat(context.getBean(DrainCoordinator.class).bounds().minHold()).isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofSeconds(30));
			assertThat(output).contains("not started by Spring's TestContext framework");
		});
	}

	@Test
	void withoutTheMarkerNothingIsSaid(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isEqualTo(Duration.ofSeconds(30));
			assertThat(output).doesNotContain("TestContext");
		});
	}

}
