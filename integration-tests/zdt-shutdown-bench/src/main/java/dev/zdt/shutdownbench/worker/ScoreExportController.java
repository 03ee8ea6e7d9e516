package dev.zdt.shutdownbench.worker;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accepts an export job: 202 once it is on the executor. */
@RestController
class ScoreExportController {

	private final ScoreExports exports;

	private final Journal journal;

	ScoreExportController(ScoreExports exports, Journal journal) {
		this.exports = exports;
		this.journal = journal;
	}

	@PostMapping("/exports/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void export(@PathVariable String id) {
		this.exports.export(id);
		this.journal.write("job-accepted " + id);
	}

}
