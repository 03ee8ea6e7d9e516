package dev.zdt.container;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dev.zdt.testsupport.net.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The sample app's image running on the host network (traffic stays on 127.0.0.1, on two
 * free ports so parallel runs don't clash), stopped the way the kubelet stops a pod.
 */
final class SampleAppContainer extends GenericContainer<SampleAppContainer> {

	private static final Logger logger = LoggerFactory.getLogger(SampleAppContainer.class);

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

	private static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\"\\s*:\\s*(\\d+)");

	private static final long MEMORY_LIMIT = 768L * 1024 * 1024;

	private final int appPort;

	private final int managementPort;

	SampleAppContainer(String image) {
		super(DockerImageName.parse(image));
		List<Integer> ports = FreePorts.find(2);
		this.appPort = ports.get(0);
		this.managementPort = ports.get(1);
		withNetworkMode("host");
		withEnv("PORT", Integer.toString(this.appPort));
		withEnv("MANAGEMENT_PORT", Integer.toString(this.managementPort));
		withEnv("SERVER_ADDRESS", "127.0.0.1");
		withEnv("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
		withCreateContainerCmdModifier((command) -> command.getHostConfig().withMemory(MEMORY_LIMIT));
		waitingFor(
				new HttpOkWaitStrategy(management("/actuator/health/readiness")).withStartupTimeout(STARTUP_TIMEOUT));
	}

	URI app(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.appPort + pathAndQuery);
	}

	URI management(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.managementPort + pathAndQuery);
	}

	int readiness() throws InterruptedException {
		return Http.status(management("/actuator/health/readiness"));
	}

	int liveness() throws InterruptedException {
		return Http.status(management("/actuator/health/liveness"));
	}

	/**
	 * The number of app requests in progress, as the zdt endpoint reports it.
	 * @return the in-flight count
	 */
	int inFlight() throws IOException, InterruptedException {
		String status = Http.get(management("/actuator/zdt")).body();
		Matcher matcher = IN_FLIGHT.matcher(status);
		if (!matcher.find()) {
			throw new IllegalStateException("No inFlight in /actuator/zdt: " + status);
		}
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Stops the container as the kubelet does once preStop is done: {@code docker stop}
	 * with the grace period, that is SIGTERM, then SIGKILL when the grace period is
	 * spent.
	 * @param gracePeriod the pod's terminationGracePeriodSeconds
	 * @return the time from the stop request until the container had stopped
	 */
	CompletableFuture<Duration> stopAsKubelet(Duration gracePeriod) {
		String id = getContainerId();
		long start = System.nanoTime();
		CompletableFuture<Duration> stopped = new CompletableFuture<>();
		Thread stopper = new Thread(() -> {
			try {
				getDockerClient().stopContainerCmd(id).withTimeout((int) gracePeriod.toSeconds()).exec();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				logger.info("docker stop --time {} took {} ms", gracePeriod.toSeconds(), took.toMillis());
				stopped.complete(took);
			}
			catch (RuntimeException ex) {
				stopped.completeExceptionally(ex);
			}
		}, "docker-stop-" + id.substring(0, 12));
		stopper.start();
		return stopped;
	}

	ContainerState state() {
		return getDockerClient().inspectContainerCmd(getContainerId()).exec().getState();
	}

	void saveLogs(Path file) throws IOException {
		if (getContainerId() == null) {
			return;
		}
		Files.createDirectories(file.getParent());
		Files.writeString(file, getLogs());
	}

}
