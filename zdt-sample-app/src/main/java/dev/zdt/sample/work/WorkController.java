package dev.zdt.sample.work;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/work?ms=N}: answers {@code ok} after {@code N} milliseconds, so a load
 * test can keep requests in flight while a pod drains.
 *
 * @author zdt authors
 */
@RestController
public final class WorkController {

	/**
	 * The longest latency a caller may ask for.
	 */
	public static final Duration MAX_LATENCY = Duration.ofMinutes(1);

	@GetMapping(path = "/api/work", produces = MediaType.TEXT_PLAIN_VALUE)
	String work(@RequestParam(name = "ms", required = false) @Nullable String ms) throws InterruptedException {
		Duration latency = parseLatency(ms);
		if (!latency.isZero()) {
			Thread.sleep(latency.toMillis());
		}
		return "ok";
	}

	static Duration parseLatency(@Nullable String ms) {
		if (ms == null || ms.isBlank()) {
			return Duration.ZERO;
		}
		try {
			long millis = Long.parseLong(ms.strip());
			if (millis >= 0 && millis <= MAX_LATENCY.toMillis()) {
				return Duration.ofMillis(millis);
			}
		}
		catch (NumberFormatException ex) {
			// Falls through to the message that says what is allowed.
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"ms must be a whole number of milliseconds from 0 to " + MAX_LATENCY.toMillis() + ", got '" + ms + "'");
	}

}
