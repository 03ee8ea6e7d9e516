package dev.zdt.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The game page and its assets are served from the app itself, with no third-party URL.
 */
@SampleAppTest
class PageTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void rootServesTheGamePage() {
		assertThat(this.mvc.get().uri("/").exchange()).hasStatusOk().hasForwardedUrl("index.html");
		assertThat(this.mvc.get().uri("/index.html").exchange()).hasStatusOk()
			.bodyText()
			.contains("id=\"board\"", "id=\"score\"", "src=\"app.js\"", "href=\"style.css\"");
	}

	@Test
	void scriptAndStylesheetAreServed() {
		assertThat(this.mvc.get().uri("/app.js").exchange()).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.valueOf("text/javascript"))
			.bodyText()
			.contains("ArrowLeft", "touchstart", "api/scores");
		assertThat(this.mvc.get().uri("/style.css").exchange()).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.valueOf("text/css"));
	}

	@Test
	void pageLoadsNothingFromOtherHosts() {
		for (String asset : new String[] { "/index.html", "/app.js", "/style.css" }) {
			assertThat(this.mvc.get().uri(asset).exchange()).bodyText().doesNotContain("http://", "https://", "//cdn");
		}
	}

}
