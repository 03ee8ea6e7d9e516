package dev.zdt.sample.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.zdt.boot.autoconfigure.ZdtProperties;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What the manifests must agree with: the sample app's own {@code application.properties}
 * (placeholders resolved to their defaults, as in a pod that sets no PORT or
 * MANAGEMENT_PORT) and the defaults of Spring Boot and zdt where it sets nothing.
 *
 * @param serverPort the application port
 * @param managementPort the actuator port
 * @param actuatorBasePath the actuator base path on the management port
 * @param exposedEndpoints the ids of the endpoints exposed over HTTP
 * @param healthProbesEnabled whether liveness and readiness groups exist
 * @param maxHold the longest zdt hold
 * @param shutdownTimeout spring.lifecycle.timeout-per-shutdown-phase
 * @param keepAliveTimeout how long Tomcat keeps an idle connection open
 */
record AppSettings(int serverPort, int managementPort, String actuatorBasePath, List<String> exposedEndpoints,
		boolean healthProbesEnabled, Duration maxHold, Duration shutdownTimeout, Duration keepAliveTimeout) {

	/** Tomcat's keep-alive timeout when none is set: its connection timeout, 60 s. */
	static final Duration DEFAULT_TOMCAT_KEEP_ALIVE = Duration.ofSeconds(60);

	static AppSettings load() {
		Binder binder = binder(new PropertiesPropertySource("application.properties", readApplicationProperties()));
		return new AppSettings(binder.bind("server.port", Integer.class).orElse(8080),
				binder.bind("management.server.port", Integer.class).orElse(8080),
				binder.bind("management.endpoints.web.base-path", String.class).orElse("/actuator"),
				binder.bind("management.endpoints.web.exposure.include", Bindable.listOf(String.class))
					.orElse(List.of("health")),
				binder.bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false),
				binder.bind("zdt.drain.max-hold", Duration.class).orElse(new ZdtProperties().getDrain().getMaxHold()),
				binder.bind("spring.lifecycle", LifecycleProperties.class)
					.orElseGet(LifecycleProperties::new)
					.getTimeoutPerShutdownPhase(),
				binder.bind("server.tomcat.keep-alive-timeout", Duration.class).orElse(DEFAULT_TOMCAT_KEEP_ALIVE));
	}

	/**
	 * Binds environment variables the way Spring Boot does in the pod (the source name
	 * makes Boot map them as it maps the process environment).
	 * @param environment the container's environment, name to value
	 * @return the zdt properties those variables set
	 */
	static ZdtProperties bindZdtProperties(Map<String, Object> environment) {
		Binder binder = binder(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		return binder.bind("zdt", ZdtProperties.class).orElseGet(ZdtProperties::new);
	}

	String readinessPath() {
		return this.actuatorBasePath + "/health/readiness";
	}

	String livenessPath() {
		return this.actuatorBasePath + "/health/liveness";
	}

	String drainPath() {
		return this.actuatorBasePath + "/zdt/drain";
	}

	private static Binder binder(PropertySource<?> source) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(source);
		return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
	}

	private static Properties readApplicationProperties() {
		Properties properties = new Properties();
		try (InputStream input = AppSettings.class.getResourceAsStream("/application.properties")) {
			if (input == null) {
				throw new IllegalStateException("application.properties is not on the test class path");
			}
			properties.load(input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
