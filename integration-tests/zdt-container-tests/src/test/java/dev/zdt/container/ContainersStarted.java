package dev.zdt.container;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import org.testcontainers.DockerClientFactory;

/**
 * The images of every container that Testcontainers created since a moment, read from the
 * Docker daemon's event log. It sees the helper containers Testcontainers starts on its
 * own (such as the {@code alpine} container it uses to find the Docker host's address),
 * which never show up in the tests' own code: on a machine that happens to have their
 * image they pass unnoticed, on a fresh machine without a registry they fail after
 * minutes of pull retries.
 */
final class ContainersStarted {

	/**
	 * The label Testcontainers puts on every container it creates, its own helpers
	 * included.
	 */
	private static final String TESTCONTAINERS_LABEL = "org.testcontainers=true";

	private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(30);

	private final Instant since;

	private ContainersStarted(Instant since) {
		this.since = since;
	}

	static ContainersStarted fromNow() {
		// Docker's event filter counts whole seconds: start one early rather than miss
		// the first container.
		return new ContainersStarted(Instant.now().minusSeconds(1));
	}

	/**
	 * Returns the image of each container Testcontainers created since this recording
	 * started.
	 * @return image names, one per container, in creation order
	 */
	List<String> images() throws InterruptedException {
		List<String> images = new CopyOnWriteArrayList<>();
		Instant until = Instant.now().plusSeconds(1);
		try (ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
			@Override
			public void onNext(Event event) {
				images.add(imageOf(event));
			}
		}) {
			DockerClientFactory.lazyClient()
				.eventsCmd()
				.withSince(Long.toString(this.since.getEpochSecond()))
				.withUntil(Long.toString(until.getEpochSecond()))
				.withEventTypeFilter(EventType.CONTAINER)
				.withEventFilter("create")
				.withLabelFilter(TESTCONTAINERS_LABEL)
				.exec(callback);
			if (!callback.awaitCompletion(EVENTS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"Docker's event log did not end within " + EVENTS_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return images;
	}

	private static String imageOf(Event event) {
		if (event.getFrom() != null) {
			return event.getFrom();
		}
		Map<String, String> attributes = (event.getActor() != null) ? event.getActor().getAttributes() : null;
		return (attributes != null) ? attributes.getOrDefault("image", "?") : "?";
	}

}
