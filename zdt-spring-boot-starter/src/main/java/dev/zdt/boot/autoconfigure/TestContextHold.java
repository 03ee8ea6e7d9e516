package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zdt.core.hold.HoldBounds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The hold bounds of the drain, zero in a test that Spring's TestContext framework runs
 * (such as a {@code @SpringBootTest} with a real server), unless
 * {@code zdt.drain.hold-in-tests=true}: there is no load balancer to wait for, and every
 * context close of a test suite would otherwise wait up to max hold. The drain itself
 * still runs (readiness goes down, the status and meters show it). A
 * {@code zdt.drain.max-hold} set in the application's own configuration, which tests load
 * too, is not taken as asking for the hold.
 * <p>
 * A test context is recognized by the property source of a test's inlined properties
 * ({@code TestPropertySourceUtils}), which the TestContext framework adds to the
 * environment and every {@code @SpringBootTest} has, because Spring Boot's test
 * bootstrapper always puts one property there, {@code <bootstrapper class>=true}; and by
 * spring-test on the class path. No property or environment variable can add a property
 * source of that name, so none can switch the hold off in production. The bootstrapper's
 * property alone used to count, and an environment variable could set it: seen outside a
 * test context, it is ignored with a warning. Applications started by hand in a test
 * ({@code SpringApplication.run}) are not recognized and hold as in production.
 */
final class TestContextHold {

	static final String HOLD_IN_TESTS = "zdt.drain.hold-in-tests";

	/**
	 * {@code TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME} of
	 * spring-test.
	 */
	static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

	/**
	 * What {@code SpringBootTestContextBootstrapper} sets to {@code true} for every
	 * {@code @SpringBootTest}.
	 */
	static final String SPRING_BOOT_TEST_MARKER = "org.springframework.boot.test.context.SpringBootTestContextBootstrapper";

	/** spring-test's TestContext, which a test context cannot be without. */
	static final String TEST_CONTEXT = "org.springframework.test.context.TestContext";

	private static final Log logger = LogFactory.getLog(TestContextHold.class);

	private static final AtomicBoolean logged = new AtomicBoolean();

	private TestContextHold() {
	}

	static HoldBounds bounds(ZdtProperties.Drain drain, Environment environment) {
		boolean testContext = isTestContext(environment);
		if (!testContext && environment.getProperty(SPRING_BOOT_TEST_MARKER) != null) {
			logger.warn("zdt: " + SPRING_BOOT_TEST_MARKER + " is set (as a property or as the environment variable "
					+ "ORG_SPRINGFRAMEWORK_BOOT_TEST_CONTEXT_SPRINGBOOTTESTCONTEXTBOOTSTRAPPER), but this application "
					+ "was not started by Spring's TestContext framework: zdt ignores it and holds as configured. "
					+ "Remove it; it belongs to Spring Boot's tests.");
		}
		if (drain.isHoldInTests() || !testContext) {
			return new HoldBounds(drain.getMinHold(), drain.getMaxHold(), drain.getCheckInterval());
		}
		if (logged.compareAndSet(false, true)) {
			logger.info("zdt: test context detected, shutdown drains without holding (set " + HOLD_IN_TESTS
					+ "=true to hold as in production)");
		}
		return new HoldBounds(Duration.ZERO, Duration.ZERO, drain.getCheckInterval());
	}

	static boolean isTestContext(Environment environment) {
		return environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(INLINED_TEST_PROPERTIES)
				&& ClassUtils.isPresent(TEST_CONTEXT, TestContextHold.class.getClassLoader());
	}

}
