package dev.zdt.boot.testapp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.zdt.boot.reactiveapp.ReactiveTestApplication;
import dev.zdt.boot.reactiveapp.ReactorNettyServer;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.testsupport.net.FreePorts;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@link TestApplication} (or the {@link ReactiveTestApplication}) on a real server
 * and random ports, with an HTTP client.
 */
public final class RunningApp implements AutoCloseable {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ConfigurableApplicationContext context;

	private final int separateManagementPort;

	private RunningApp(ConfigurableApplicationContext context, int separateManagementPort) {
		this.context = context;
		this.separateManagementPort = separateManagementPort;
	}

	/**
	 * Starts the application with actuator on the application port.
	 * @param properties extra properties
	 * @return the running application
	 */
	public static RunningApp start(String... properties) {
		return start(false, properties);
	}

	/**
	 * Starts the application.
	 * @param separateManagementPort whether actuator gets its own port
	 * @param properties extra properties
	 * @return the running application
	 */
	public static RunningApp start(boolean separateManagementPort, String... properties) {
		return start(separateManagementPort, Map.of(), properties);
	}

	/**
	 * Starts the WebFlux {@link ReactiveTestApplication} on Reactor Netty (the test
	 * classpath holds Tomcat too, which a servlet application would take).
	 * @param separateManagementPort whether actuator gets its own port
	 * @param properties extra properties
	 * @return the running application
	 */
	public static RunningApp startReactive(boolean separateManagementPort, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.main.web-application-type=reactive");
		all.addAll(ReactorNettyServer.PROPERTIES);
		RunningApp app = start(ReactiveTestApplication.class, separateManagementPort, Map.of(),
				all.toArray(String[]::new));
		boolean onNetty = Arrays.stream(app.context.getBeanDefinitionNames())
			.map(app.context::getType)
			.anyMatch((type) -> type != null && type.getSimpleName().equals("NettyReactiveWebServerFactory"));
		if (!onNetty) {
			app.close();
			throw new IllegalStateException("The reactive test application does not run on Reactor Netty");
		}
		return app;
	}

	/**
	 * Starts the application with properties whose values a {@code key=value} string
	 * cannot carry (e.g. a trailing newline).
	 * @param separateManagementPort whether actuator gets its own port
	 * @param values properties by name
	 * @param properties extra properties
	 * @return the running application
	 */
	public static RunningApp start(boolean separateManagementPort, Map<String, Object> values, String... properties) {
		return start(TestApplication.class, separateManagementPort, values, properties);
	}

	private static RunningApp start(Class<?> application, boolean separateManagementPort, Map<String, Object> values,
			String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "management.endpoints.web.exposure.include=health,zdt",
						"management.endpoint.health.probes.enabled=true", "spring.main.banner-mode=off"));
		int managementPort = 0;
		if (separateManagementPort) {
			managementPort = FreePorts.find();
			all.add("management.server.port=" + managementPort);
		}
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties(all.toArray(String[]::new))
			.properties(values)
			.run();
		return new RunningApp(context, managementPort);
	}

	public HttpResponse<String> get(String path) {
		return send(port(), "GET", path, Map.of());
	}

	public HttpResponse<String> management(String method, String path, Map<String, String> headers) {
		return send((this.separateManagementPort != 0) ? this.separateManagementPort : port(), method, path, headers);
	}

	public HttpResponse<String> management(String method, String path, Map<String, String> headers, String json) {
		Map<String, String> all = new HashMap<>(headers);
		all.put("Content-Type", "application/json");
		return send((this.separateManagementPort != 0) ? this.separateManagementPort : port(), method, path, all,
				HttpRequest.BodyPublishers.ofString(json));
	}

	public HttpResponse<String> management(String path) {
		return management("GET", path, Map.of());
	}

	/**
	 * Returns the application server's port now: a server stopped and started again
	 * listens on another one.
	 * @return the port
	 */
	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static HttpResponse<String> send(int port, String method, String path, Map<String, String> headers) {
		return send(port, method, path, headers, HttpRequest.BodyPublishers.noBody());
	}

	private static HttpResponse<String> send(int port, String method, String path, Map<String, String> headers,
			HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body);
		headers.forEach(request::header);
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public DrainCoordinator coordinator() {
		return this.context.getBean(DrainCoordinator.class);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
