package dev.zdt.sample.exports;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/exports} starts a high score export and answers {@code 202 Accepted}
 * with its {@code Location}; {@code GET /api/exports/<id>} returns the export once it has
 * finished.
 *
 * @author zdt authors
 */
@RestController
@RequestMapping("/api/exports")
public final class ExportController {

	private final HighScoreExports exports;

	private final ExportFiles files;

	ExportController(HighScoreExports exports, ExportFiles files) {
		this.exports = exports;
		this.files = files;
	}

	@PostMapping
	ResponseEntity<Map<String, String>> start() {
		UUID id = UUID.randomUUID();
		this.exports.export(id);
		return ResponseEntity.accepted().location(URI.create("/api/exports/" + id)).body(Map.of("id", id.toString()));
	}

	@GetMapping("/{id}")
	ResponseEntity<String> get(@PathVariable("id") String id) {
		String export = parse(id).flatMap(this.files::read)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"export '" + id + "' is unknown or not finished yet"));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(export);
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
