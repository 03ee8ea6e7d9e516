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
		assertThat(isApplicationRequest(request("/api/scores", "Mozilla/5.0"))).isTrue();
		assertThat(isApplicationRequest(request("/", null))).isTrue();
	}

	@Test
	void probesAndHealthChecksDoNotCount() {
		assertThat(isApplicationRequest(request("/", "kube-probe/1.32"))).isFalse();
		assertThat(isApplicationRequest(request("/health", "ELB-HealthChecker/2.0"))).isFalse();
	}

	@Test
	void excludedPathsDoNotCountAndTheContextPathIsIgnored() {
		assertThat(isApplicationRequest(request("/actuator/health/readiness", null))).isFalse();
		assertThat(isApplicationRequest(request("/actuator", null))).isFalse();
		MockHttpServletRequest withContextPath = request("/shop/internal/metrics", null);
		withContextPath.setContextPath("/shop");
		assertThat(isApplicationRequest(withContextPath)).isFalse();
	}

	@Test
	void anyAntPatternIsHonoured() {
		assertThat(isApplicationRequest(request("/static/site.css", null))).isFalse();
		assertThat(isApplicationRequest(request("/static/site.js", null))).isTrue();
		assertThat(isApplicationRequest(request("/actuatorx", null))).isTrue();
		assertThat(isApplicationRequest(request("/internal", null))).isFalse();
	}

	private boolean isApplicationRequest(MockHttpServletRequest request) {
		return this.classifier.isApplicationRequest(request, DrainFilter.SERVLET_REQUESTS);
	}

	private static MockHttpServletRequest request(String uri, String userAgent) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		if (userAgent != null) {
			request.addHeader("User-Agent", userAgent);
		}
		return request;
	}

}
