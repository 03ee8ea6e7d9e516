package dev.zdt.lab.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocustLoad}.
 *
 * @author zdt
 */
class LocustLoadTests {

	@Test
	void parsesRequestsAndSortsFailuresIntoStatusesAndConnectionErrors() throws IOException {
		LoadReport report = LocustLoad.parse(output());
		assertThat(report.completed()).isEqualTo(26);
		assertThat(report.ok()).isZero();
		assertThat(report.statusCounts()).containsEntry(503, 7L)
			.containsEntry(501, 1L)
			.containsEntry(404, 2L)
			.containsEntry(200, 1L);
		assertThat(report.serverErrors()).isEqualTo(8);
		assertThat(report.clientErrorCounts()).containsOnlyKeys("connection error");
		assertThat(report.clientErrors()).isEqualTo(15);
	}

	@Test
	void findsTheProjectsLocustfile() {
		assertThat(LocustLoad.locustfile()).exists().hasFileName("locustfile.py");
	}

	private String output() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("locust-output.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
