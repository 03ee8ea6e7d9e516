package dev.zdt.sample.scores;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/scores} lists the best scores, {@code POST /api/scores} submits one.
 * Invalid input gets a 400 problem detail that says what is wrong.
 *
 * @author zdt authors
 */
@RestController
@RequestMapping("/api/scores")
public final class ScoreController {

	/**
	 * How many entries {@code GET /api/scores} returns unless asked otherwise.
	 */
	public static final int DEFAULT_LIMIT = 10;

	private final HighScores highScores;

	ScoreController(HighScores highScores) {
		this.highScores = highScores;
	}

	@GetMapping
	List<HighScore> list(@RequestParam(name = "limit", defaultValue = "" + DEFAULT_LIMIT) String limit) {
		return this.highScores.top(parseLimit(limit));
	}

	@PostMapping
	ResponseEntity<HighScore> submit(@RequestBody ScoreSubmission submission) {
		String problem = submission.problem();
		if (problem != null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, problem);
		}
		String name = submission.name().strip();
		long score = submission.score();
		int rank = this.highScores.record(name, score);
		return ResponseEntity.status(HttpStatus.CREATED).body(new HighScore(rank, name, score));
	}

	private int parseLimit(String limit) {
		try {
			int value = Integer.parseInt(limit.strip());
			if (value >= 1 && value <= this.highScores.capacity()) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Falls through to the message that says what is allowed.
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"limit must be a whole number from 1 to " + this.highScores.capacity() + ", got '" + limit + "'");
	}

}
