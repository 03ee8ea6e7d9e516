package dev.zdt.lab.rollout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.zdt.lab.pod.Pod;

/**
 * Saves a pod's {@code /actuator/zdt} status shortly after its target turned healthy and
 * after it turned draining ({@code <pod>-zdt-healthy.json},
 * {@code <pod>-zdt-draining.json}), to see what the pod knows of its load balancer during
 * a run. Works in the background: the load balancer controller does not wait for it.
 *
 * @author zdt
 */
final class StatusSnapshots implements TargetGroupListener {

	private static final Duration DELAY = Duration.ofSeconds(1);

	private final Path directory;

	private final Consumer<String> progress;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	StatusSnapshots(Path directory, Consumer<String> progress) {
		this.directory = directory;
		this.progress = progress;
	}

	@Override
	public void healthy(Pod pod) {
		snapshot(pod, "healthy");
	}

	@Override
	public void draining(Pod pod) {
		snapshot(pod, "draining");
	}

	private void snapshot(Pod pod, String when) {
		Thread thread = new Thread(() -> save(pod, when), "zdt-status-" + pod.name());
		thread.setDaemon(true);
		thread.start();
	}

	private void save(Pod pod, String when) {
		Path file = this.directory.resolve(pod.name() + "-zdt-" + when + ".json");
		try {
			TimeUnit.MILLISECONDS.sleep(DELAY.toMillis());
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + pod.managementPort() + "/actuator/zdt"))
				.timeout(Duration.ofSeconds(3))
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			Files.writeString(file, response.body());
			this.progress.accept("   " + pod.name() + " /actuator/zdt (" + when + ") -> " + response.statusCode() + " "
					+ response.body());
		}
		catch (IOException ex) {
			this.progress.accept("   " + pod.name() + " /actuator/zdt (" + when + ") failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
