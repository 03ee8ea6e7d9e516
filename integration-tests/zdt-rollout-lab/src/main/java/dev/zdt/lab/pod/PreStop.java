package dev.zdt.lab.pod;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A container's {@code preStop} hook as the kubelet runs it: synchronously, SIGTERM only
 * after it returned (or the grace period ran out).
 *
 * @author zdt
 */
public sealed interface PreStop {

	/**
	 * Run the hook against a pod and wait for it.
	 * @param pod the pod being terminated
	 * @param timeout what is left of the grace period
	 * @return what happened, for the event log
	 * @throws InterruptedException if interrupted while waiting
	 */
	String run(Pod pod, Duration timeout) throws InterruptedException;

	/**
	 * Return a short description, e.g. {@code sleep 10}.
	 * @return the description
	 */
	String describe();

	/**
	 * No hook: SIGTERM at once.
	 * @return the hook
	 */
	static PreStop none() {
		return new None();
	}

	/**
	 * An {@code exec} hook running {@code sleep N}: the walkthrough's fixed wait.
	 * @param duration how long to sleep
	 * @return the hook
	 */
	static PreStop sleep(Duration duration) {
		return new Sleep(duration);
	}

	/**
	 * An {@code httpGet} hook on the management port, e.g. {@code /actuator/zdt/drain}.
	 * @param path the path
	 * @param headers extra headers (e.g. {@code X-Zdt-Token})
	 * @return the hook
	 */
	static PreStop httpGet(String path, Map<String, String> headers) {
		return new HttpGet(path, Map.copyOf(headers));
	}

	/**
	 * Whether there is a hook at all.
	 * @return {@code false} for {@link #none()}
	 */
	default boolean present() {
		return true;
	}

	/**
	 * No {@code preStop} hook.
	 */
	record None() implements PreStop {

		@Override
		public String run(Pod pod, Duration timeout) {
			return "none";
		}

		@Override
		public String describe() {
			return "none";
		}

		@Override
		public boolean present() {
			return false;
		}

	}

	/**
	 * {@code exec: [sleep, N]}.
	 *
	 * @param duration how long to sleep
	 */
	record Sleep(Duration duration) implements PreStop {

		@Override
		public String run(Pod pod, Duration timeout) throws InterruptedException {
			Duration wait = (this.duration.compareTo(timeout) < 0) ? this.duration : timeout;
			Thread.sleep(Math.max(0, wait.toMillis()));
			return "slept " + wait.toMillis() / 1000.0 + " s";
		}

		@Override
		public String describe() {
			return "sleep " + this.duration.toSeconds();
		}

	}

	/**
	 * {@code httpGet} on the management port, waiting for the response like the kubelet.
	 *
	 * @param path the path
	 * @param headers extra request headers
	 */
	record HttpGet(String path, Map<String, String> headers) implements PreStop {

		@Override
		public String run(Pod pod, Duration timeout) throws InterruptedException {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(2))
				.build();
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + pod.managementPort() + this.path))
				.timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
				.header("User-Agent", "kube-lifecycle/1.32")
				.GET();
			this.headers.forEach(request::header);
			try {
				HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return "GET " + this.path + " -> " + response.statusCode();
			}
			catch (IOException ex) {
				// The kubelet logs a failed hook and goes on with SIGTERM.
				return "GET " + this.path + " failed: " + ex;
			}
		}

		@Override
		public String describe() {
			return "httpGet " + this.path;
		}

	}

}
