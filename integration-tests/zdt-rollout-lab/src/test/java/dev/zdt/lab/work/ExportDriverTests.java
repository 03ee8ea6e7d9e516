package dev.zdt.lab.work;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExportDriver}'s reading of the app's answers.
 *
 * @author zdt
 */
class ExportDriverTests {

	@Test
	void anAcceptedExportGivesItsId() {
		assertThat(ExportDriver.accepted(202, "{\"id\" : \"3f2a-77\"}")).isEqualTo("id 3f2a-77");
	}

	@Test
	void anyOtherStatusIsAFailedRequest() {
		assertThat(ExportDriver.accepted(503, "{\"id\":\"x\"}")).isEqualTo("status 503");
	}

	@Test
	void anAcceptedAnswerWithoutAnIdIsNotCountedAsAJob() {
		assertThat(ExportDriver.accepted(202, "{}")).isEqualTo("202 without an id");
	}

}
