package dev.zdt.boot.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficClassifierTests {

	private final TrafficClassifier classifier = new TrafficClassifier(
			List.of("/actuator", "/actuator/**", "/internal/**", "/static/*.css"),
			List.of("kube-probe/", "ELB-HealthChecker/"));

	@Test
	void applicationRequestsCount() {
		assertThat(this.classifier.isApplicationRequest(request("/api/scores", "Mozilla/5.0"))).isTrue();
		assertThat(this.classifier.isApplicationRequest(request("/", null))).isTrue();
	}

	@Test
	void probesAndHealthChecksDoNotCount() {
		assertThat(this.classifier.isApplicationRequest(request("/", "kube-probe/1.32"))).isFalse();
		assertThat(this.classifier.isApplicationRequest(request("/health", "ELB-HealthChecker/2.0"))).isFalse();
	}

	@Test
	void excludedPathsDoNotCountAndTheContextPathIsIgnored() {
		assertThat(this.classifier.isApplicationRequest(request("/actuator/health/readiness", null))).isFalse();
		assertThat(this.classifier.isApplicationRequest(request("/actuator", null))).isFalse();
		MockHttpServletRequest withContextPath = request("/shop/internal/metrics", null);
		withContextPath.setContextPath("/shop");
		assertThat(this.classifier.isApplicationRequest(withContextPath)).isFalse();
	}

	@Test
	void anyAntPatternIsHonoured() {
		assertThat(this.classifier.isApplicationRequest(request("/static/site.css", null))).isFalse();
		assertThat(this.classifier.isApplicationRequest(request("/static/site.js", null))).isTrue();
		assertThat(this.classifier.isApplicationRequest(request("/actuatorx", null))).isTrue();
		assertThat(this.classifier.isApplicationRequest(request("/internal", null))).isFalse();
	}

	private static MockHttpServletRequest request(String uri, String userAgent) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		if (userAgent != null) {
			request.addHeader("User-Agent", userAgent);
		}
		return request;
	}

}
