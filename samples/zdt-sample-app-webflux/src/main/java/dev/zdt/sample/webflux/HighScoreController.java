package dev.zdt.sample.webflux;

import dev.zdt.boot.web.reactive.ReactiveLongLivedResponses;
import dev.zdt.sample.webflux.HighScoreFeed.Scores;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/scores}: the {@link HighScoreFeed} as server-sent events, one per tick
 * with the tick as its id. The stream ends with a comment when this instance drains
 * (zdt's hold has ended), and the browser's {@code EventSource} reconnects with
 * {@code Last-Event-ID} to another instance, which goes on with the next tick.
 *
 * @author zdt authors
 */
@RestController
public final class HighScoreController {

	private final HighScoreFeed feed;

	private final ReactiveLongLivedResponses responses;

	HighScoreController(HighScoreFeed feed, ReactiveLongLivedResponses responses) {
		this.feed = feed;
		this.responses = responses;
	}

	@GetMapping(path = "/api/scores", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Scores>> scores(
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String last) {
		Flux<ServerSentEvent<Scores>> events = this.feed.from(parse(last))
			.map((scores) -> ServerSentEvent.builder(scores).id(Long.toString(scores.tick())).build());
		return this.responses.sse(events);
	}

	private static @Nullable Long parse(@Nullable String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(lastEventId.strip());
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Last-Event-ID must be a tick number, got '" + lastEventId + "'");
		}
	}

}
