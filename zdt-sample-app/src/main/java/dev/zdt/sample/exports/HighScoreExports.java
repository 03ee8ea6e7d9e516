package dev.zdt.sample.exports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zdt.sample.scores.HighScore;
import dev.zdt.sample.scores.HighScores;
import dev.zdt.sample.work.SimulatedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.json.JsonWriter;
import org.springframework.scheduling.annotation.Async;

/**
 * Exports the high scores to a JSON file, on {@code @Async}: Spring Boot's
 * {@code applicationTaskExecutor} runs the job after the request that started it has been
 * answered.
 *
 * @author zdt authors
 */
public class HighScoreExports {

	private static final Log logger = LogFactory.getLog(HighScoreExports.class);

	private final HighScores highScores;

	private final ExportFiles files;

	private final Duration duration;

	/**
	 * Creates the exporter.
	 * @param highScores the scores to export
	 * @param files where exports are written
	 * @param duration how long an export takes before its file is written
	 */
	public HighScoreExports(HighScores highScores, ExportFiles files, Duration duration) {
		this.highScores = highScores;
		this.files = files;
		this.duration = duration;
	}

	/**
	 * Runs an export on the task executor.
	 * @param id the export's id, which names its file
	 */
	@Async
	public void export(UUID id) {
		SimulatedWork.take(this.duration);
		Path file = this.files.write(id, json(id, this.highScores.top(this.highScores.capacity())));
		logger.info("export " + id + " finished: " + file);
	}

	private static String json(UUID id, List<HighScore> scores) {
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("id", id.toString());
		export.put("highScores", scores.stream().map(HighScoreExports::entry).toList());
		return JsonWriter.standard().writeToString(export);
	}

	private static Map<String, Object> entry(HighScore score) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("rank", score.rank());
		entry.put("name", score.name());
		entry.put("score", score.score());
		return entry;
	}

}
