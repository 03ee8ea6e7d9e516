package dev.zdt.sample.events;

import java.util.Map;

import dev.zdt.sample.scores.ScoreSubmission;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonParseException;

/**
 * A score event as it arrives from Kafka: a JSON object like
 * {@code {"player":"p1","score":1234}}.
 *
 * @param player the player's name
 * @param score the points scored
 * @author zdt authors
 */
public record ScoreEvent(String player, long score) {

	/**
	 * Reads an event.
	 * @param json the record's value, {@code null} for none
	 * @return the event
	 * @throws IllegalArgumentException if the value is not such an object, with what is
	 * wrong
	 */
	public static ScoreEvent parse(@Nullable String json) {
		if (json == null) {
			throw new IllegalArgumentException("a score event needs a value, got none");
		}
		Map<String, Object> fields;
		try {
			fields = new BasicJsonParser().parseMap(json);
		}
		catch (JsonParseException ex) {
			throw new IllegalArgumentException(
					"a score event must be a JSON object like {\"player\":\"p1\",\"score\":1234}, got '" + json + "'",
					ex);
		}
		if (!(fields.get("player") instanceof String player) || player.isBlank()) {
			throw new IllegalArgumentException("a score event needs a \"player\" string, got '" + json + "'");
		}
		if (!(fields.get("score") instanceof Long score) || score < 0 || score > ScoreSubmission.MAX_SCORE) {
			throw new IllegalArgumentException(
					"a score event needs a \"score\" from 0 to " + ScoreSubmission.MAX_SCORE + ", got '" + json + "'");
		}
		return new ScoreEvent(player.strip(), score);
	}

}
