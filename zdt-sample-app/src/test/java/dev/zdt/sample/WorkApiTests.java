package dev.zdt.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/work?ms=N} answers after the latency asked for, and refuses latencies
 * it cannot honour with a message that says what is allowed.
 */
@SampleAppTest
class WorkApiTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void workWithoutLatencyAnswersOkAtOnce() {
		assertThat(this.mvc.get().uri("/api/work").exchange()).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.hasBodyTextEqualTo("ok");
	}

	@Test
	void workTakesAtLeastTheLatencyAskedFor() {
		long start = System.nanoTime();

		assertThat(this.mvc.get().uri("/api/work?ms=300").exchange()).hasStatusOk().hasBodyTextEqualTo("ok");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@ParameterizedTest(name = "ms={0}")
	@ValueSource(strings = { "-1", "60001", "abc", "1.5", "99999999999999999999" })
	void workWithAnInvalidLatencyIsABadRequestThatSaysWhatIsAllowed(String ms) {
		assertThat(this.mvc.get().uri("/api/work?ms={ms}", ms).exchange()).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("ms must be a whole number of milliseconds from 0 to 60000, got '" + ms + "'");
	}

}
