package dev.zdt.integration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import dev.zdt.testsupport.net.FreePorts;

/**
 * The sample app as a real JVM process on free loopback ports: the application port and a
 * separate management port, as in the Kubernetes manifests.
 */
final class SampleApp implements AutoCloseable {

	static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	static final String READINESS = "/actuator/health/readiness";

	private final SampleServer server;

	private final int appPort;

	private final int managementPort;

	private final JavaProcess process;

	private SampleApp(SampleServer server, int appPort, int managementPort, JavaProcess process) {
		this.server = server;
		this.appPort = appPort;
		this.managementPort = managementPort;
		this.process = process;
	}

	/**
	 * Starts the sample app.
	 * @param server the web server to run it on
	 * @param name a name for the log file
	 * @param arguments extra program arguments, such as {@code --zdt.drain.max-hold=6s}
	 * @return the starting app; call {@link #awaitReady()}
	 */
	static SampleApp start(SampleServer server, String name, String... arguments) {
		return start(server, server.jar(), name, List.of(), false, arguments);
	}

	/**
	 * Starts the sample app as from a terminal, where Ctrl+C (SIGINT) stops it.
	 * @param server the web server to run it on
	 * @param name a name for the log file
	 * @param arguments extra program arguments, such as {@code --zdt.drain.max-hold=6s}
	 * @return the starting app; call {@link #awaitReady()}
	 * @see JavaProcess#startWithDefaultSigint(List, Path)
	 */
	static SampleApp startFromTerminal(SampleServer server, String name, String... arguments) {
		return start(server, server.jar(), name, List.of(), true, arguments);
	}

	/**
	 * Starts a variant of the sample app.
	 * @param server the web server it runs on
	 * @param jar its executable jar
	 * @param name a name for the log file
	 * @param jvmOptions extra JVM options, such as {@code -Dkey=value}
	 * @param arguments extra program arguments
	 * @return the starting app; call {@link #awaitReady()}
	 */
	static SampleApp start(SampleServer server, Path jar, String name, List<String> jvmOptions, String... arguments) {
		return start(server, jar, name, jvmOptions, false, arguments);
	}

	private static SampleApp start(SampleServer server, Path jar, String name, List<String> jvmOptions,
			boolean fromTerminal, String... arguments) {
		List<Integer> ports = FreePorts.find(2);
		List<String> command = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + ports.get(0),
				"--management.server.address=127.0.0.1", "--management.server.port=" + ports.get(1)));
		command.addAll(List.of(arguments));
		Path logFile = logDirectory().resolve(name + "-" + server.name().toLowerCase(Locale.ROOT) + ".log");
		JavaProcess process = fromTerminal ? JavaProcess.startWithDefaultSigint(command, logFile)
				: JavaProcess.start(command, logFile);
		return new SampleApp(server, ports.get(0), ports.get(1), process);
	}

	/**
	 * Starts the {@link UserCodeApplication} on Tomcat, with this module's test class
	 * path, with actuator's probes and the zdt endpoint exposed as in the sample apps.
	 * @param userCode what the application's own code does wrong (see
	 * {@link UserCodeApplication})
	 * @param name a name for the log file
	 * @param arguments extra program arguments, such as {@code --zdt.drain.max-hold=6s}
	 * @return the starting app; call {@link #awaitReady()}
	 */
	static SampleApp startUserCodeApp(String userCode, String name, String... arguments) {
		List<Integer> ports = FreePorts.find(2);
		List<String> command = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), UserCodeApplication.class.getName(), "--user-code=" + userCode,
				"--server.address=127.0.0.1", "--server.port=" + ports.get(0), "--management.server.address=127.0.0.1",
				"--management.server.port=" + ports.get(1), "--management.endpoints.web.exposure.include=health,zdt",
				"--management.endpoint.health.probes.enabled=true", "--server.shutdown=graceful"));
		command.addAll(List.of(arguments));
		Path logFile = logDirectory().resolve(name + "-user-code.log");
		return new SampleApp(SampleServer.TOMCAT, ports.get(0), ports.get(1), JavaProcess.start(command, logFile));
	}

	private static Path logDirectory() {
		return Path.of(System.getProperty("zdt.it.logs", "target/app-logs"));
	}

	SampleServer server() {
		return this.server;
	}

	int appPort() {
		return this.appPort;
	}

	int managementPort() {
		return this.managementPort;
	}

	JavaProcess process() {
		return this.process;
	}

	LogFile log() {
		return this.process.log();
	}

	/**
	 * Waits until readiness answers 200, then checks that the app runs on the expected
	 * server.
	 * @throws AssertionError when the app died, did not get ready in time, or runs on
	 * another server
	 */
	void awaitReady() {
		boolean ready = Poll.until(STARTUP_TIMEOUT, () -> {
			if (!this.process.isAlive()) {
				throw new AssertionError("The sample app exited during startup; " + log().tail(60));
			}
			return readinessStatus().orElse(-1) == 200;
		});
		if (!ready) {
			throw new AssertionError("Readiness not 200 after " + STARTUP_TIMEOUT + "; " + log().tail(60));
		}
		for (SampleServer other : SampleServer.values()) {
			boolean started = !log().linesContaining(other.startedLine()).isEmpty();
			if (started != (other == this.server)) {
				throw new AssertionError("Expected the app on " + this.server + " only; " + log().tail(60));
			}
		}
	}

	/**
	 * Returns the readiness status code.
	 * @return the status, or empty when the management port does not answer
	 */
	Optional<Integer> readinessStatus() {
		try {
			return Optional.of(management(READINESS, Duration.ofSeconds(5)).status());
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Sends a GET to the application port on a new connection.
	 * @param path the path
	 * @return the response
	 * @throws IOException when the request fails
	 */
	HttpResult app(String path) throws IOException {
		return HttpConnection.get(this.appPort, path, REQUEST_TIMEOUT);
	}

	/**
	 * Sends a GET to the management port on a new connection.
	 * @param path the path
	 * @param timeout the connect and read timeout
	 * @param headers extra request headers, as "Name: value"
	 * @return the response
	 * @throws IOException when the request fails
	 */
	HttpResult management(String path, Duration timeout, String... headers) throws IOException {
		return HttpConnection.get(this.managementPort, path, timeout, headers);
	}

	@Override
	public void close() {
		this.process.close();
		System.out.println("Sample app log (" + this.server + "): " + log().path().toAbsolutePath());
	}

}
