package dev.zdt.boot.autoconfigure;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import dev.zdt.boot.testapp.TestApplication;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's test framework keeps application contexts in a cache and pauses the one a test
 * class no longer uses when the next class needs another
 * ({@code spring.test.context.cache.pause}, {@code on_context_switch} by default), then
 * restarts it for the next class that shares it. A test suite with a real server and zdt
 * on the settings README recommends for tests must find the restarted context serving and
 * ready, as it would without zdt. Spring Framework 6.2 (Spring Boot 3) does not pause
 * cached contexts, so this is a Boot 4 test only.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class CachedTestContextTests {

	private static final AtomicReference<ConfigurableApplicationContext> shared = new AtomicReference<>();

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Nested
	@Order(1)
	@SharedContext
	class FirstClassOfTheSharedContext {

		@Test
		void servesAndIsReady(@Autowired ConfigurableApplicationContext context, @LocalServerPort int port)
				throws Exception {
			shared.set(context);
			assertServingAndReady(context, port);
		}

	}

	@Nested
	@Order(2)
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "zdt.drain.min-hold=0s", "zdt.drain.max-hold=0s", "spring.main.banner-mode=off",
					"spring.application.name=another-context" })
	class ClassWithAnotherContext {

		@Test
		void theSharedContextIsPausedMeanwhile(@Autowired ConfigurableApplicationContext context) {
			assertThat(context).isNotSameAs(shared.get());
			assertThat(shared.get().isRunning()).as("paused by the context cache").isFalse();
		}

	}

	@Nested
	@Order(3)
	@SharedContext
	class LaterClassOfTheSharedContext {

		@Test
		void findsTheRestartedContextServingAndReady(@Autowired ConfigurableApplicationContext context,
				@LocalServerPort int port) throws Exception {
			assertThat(context).as("the cached context").isSameAs(shared.get());
			assertThat(context.isRunning()).isTrue();
			assertServingAndReady(context, port);
		}

	}

	private static void assertServingAndReady(ConfigurableApplicationContext context, int port) throws Exception {
		assertThat(context.getBean(DrainCoordinator.class).state()).isEqualTo(DrainState.SERVING);
		assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> hello = get(port, "/hello");
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.headers().firstValue("Connection")).isEmpty();
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The configuration of the context that the first and the last class share. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "zdt.drain.min-hold=0s", "zdt.drain.max-hold=0s", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health",
					"management.endpoint.health.probes.enabled=true" })
	@interface SharedContext {

	}

}
