package dev.zdt.sample.exports;

import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

import dev.zdt.sample.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/exports} and {@code GET /api/exports/<id>}: an export is accepted at
 * once, runs on {@code @Async} and can be fetched once its file is there.
 */
@SampleAppTest
class ExportApiTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ExportFiles files;

	@Test
	void anExportIsAcceptedWithItsLocationAndItsFileAppearsWithTheHighScores() {
		// A low score: the other tests of the shared context expect theirs at the top.
		String name = "export-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.mvc.post()
			.uri("/api/scores")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"score\": 3}")
			.exchange()).hasStatus(HttpStatus.CREATED);

		MvcTestResult accepted = this.mvc.post().uri("/api/exports").exchange();

		assertThat(accepted).hasStatus(HttpStatus.ACCEPTED);
		String location = accepted.getResponse().getHeader(HttpHeaders.LOCATION);
		assertThat(location).startsWith("/api/exports/");
		UUID id = UUID.fromString(location.substring("/api/exports/".length()));
		assertThat(accepted).bodyJson().extractingPath("$.id").isEqualTo(id.toString());
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(this.files.file(id)));
		assertThat(this.mvc.get().uri(location).exchange()).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$.highScores[?(@.name == '" + name + "')].score")
			.asArray()
			.containsExactly(3);
	}

	@Test
	void anUnknownExportIsNotFound() {
		assertNotFound("/api/exports/" + UUID.randomUUID());
	}

	@Test
	void anIdThatIsNoExportsIsNotFound() {
		assertNotFound("/api/exports/..%2Fetc");
	}

	private void assertNotFound(String uri) {
		assertThat(this.mvc.get().uri(uri).exchange()).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("is unknown or not finished yet");
	}

}
