package dev.zdt.sample;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET/POST /api/scores}: the JSON API the game page uses. The list is shared by
 * the tests of one context, so each test uses names of its own.
 */
@SampleAppTest
class ScoreApiTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void submittedScoreIsCreatedAndListedBestFirst() {
		String low = uniqueName();
		String high = uniqueName();

		assertThat(submit("{\"name\": \"" + low + "\", \"score\": 9000001}")).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.isLenientlyEqualTo("{\"name\": \"" + low + "\", \"score\": 9000001}");
		assertThat(submit("{\"name\": \"" + high + "\", \"score\": 9000002}")).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.rank")
			.isEqualTo(1);

		assertThat(this.mvc.get().uri("/api/scores").exchange()).hasStatusOk()
			.bodyJson()
			.extractingPath("$[0:2].name")
			.asArray()
			.containsExactly(high, low);
	}

	@Test
	void nameIsStrippedOfSurroundingSpaces() {
		String name = uniqueName();

		assertThat(submit("{\"name\": \"  " + name + " \", \"score\": 2}")).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.name")
			.isEqualTo(name);
	}

	@Test
	void limitBoundsTheList() {
		submit("{\"name\": \"" + uniqueName() + "\", \"score\": 4}");
		submit("{\"name\": \"" + uniqueName() + "\", \"score\": 8}");

		assertThat(this.mvc.get().uri("/api/scores?limit=1").exchange()).hasStatusOk()
			.bodyJson()
			.extractingPath("$")
			.asArray()
			.hasSize(1);
	}

	@Test
	void missingNameIsABadRequestThatSaysSo() {
		assertBadRequest(submit("{\"score\": 10}"), "name is required");
	}

	@Test
	void nameWithMarkupIsABadRequestThatSaysWhatIsAllowed() {
		assertBadRequest(submit("{\"name\": \"<script>\", \"score\": 10}"),
				"name must be 1 to 24 letters, digits, spaces, '.', '_' or '-'");
	}

	@Test
	void tooLongNameIsABadRequest() {
		assertBadRequest(submit("{\"name\": \"" + "a".repeat(25) + "\", \"score\": 10}"),
				"name must be 1 to 24 letters, digits, spaces, '.', '_' or '-'");
	}

	@Test
	void missingScoreIsABadRequestThatSaysSo() {
		assertBadRequest(submit("{\"name\": \"ada\"}"), "score is required");
	}

	@Test
	void negativeScoreIsABadRequestThatSaysWhatIsAllowed() {
		assertBadRequest(submit("{\"name\": \"ada\", \"score\": -2}"),
				"score must be a whole number from 0 to 10000000");
	}

	@Test
	void tooHighScoreIsABadRequest() {
		assertBadRequest(submit("{\"name\": \"ada\", \"score\": 10000001}"),
				"score must be a whole number from 0 to 10000000");
	}

	@Test
	void bodyThatIsNotJsonIsABadRequestThatShowsAnExample() {
		assertBadRequest(submit("score=10"),
				"the body must be a JSON object like {\"name\": \"ada\", \"score\": 2048}");
	}

	@Test
	void limitOutOfRangeIsABadRequest() {
		assertBadRequest(this.mvc.get().uri("/api/scores?limit=0").exchange(),
				"limit must be a whole number from 1 to 100, got '0'");
		assertBadRequest(this.mvc.get().uri("/api/scores?limit=many").exchange(),
				"limit must be a whole number from 1 to 100, got 'many'");
	}

	private MvcTestResult submit(String json) {
		return this.mvc.post().uri("/api/scores").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private static void assertBadRequest(MvcTestResult result, String detail) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo(detail);
	}

	private static String uniqueName() {
		return "p-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
