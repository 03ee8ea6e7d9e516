package dev.zdt.sample.manifests;

import java.time.Duration;
import java.util.Map;

import dev.zdt.boot.autoconfigure.ZdtProperties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in {@code k8s/base} agree with the sample app and with each other.
 */
class ManifestConsistencyTests {

	@Test
	void baseManifestsFollowEveryRule() {
		Manifests manifests = Manifests.load(Manifests.k8sDirectory().resolve("base"));

		assertThat(ManifestChecks.check(manifests, AppSettings.load())).isEmpty();
	}

	@Test
	void appSettingsAreReadFromTheAppsOwnConfiguration() {
		AppSettings app = AppSettings.load();

		assertThat(app.serverPort()).isEqualTo(8080);
		assertThat(app.managementPort()).isEqualTo(8081);
		assertThat(app.healthProbesEnabled()).isTrue();
		assertThat(app.exposedEndpoints()).contains("health", "zdt");
		assertThat(app.maxHold()).isEqualTo(Duration.ofSeconds(30));
		assertThat(app.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(app.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(75));
		assertThat(app.drainPath()).isEqualTo("/actuator/zdt/drain");
		assertThat(app.readinessPath()).isEqualTo("/actuator/health/readiness");
	}

	@Test
	void environmentVariablesBindToZdtPropertiesTheWaySpringBootBindsThem() {
		ZdtProperties properties = AppSettings
			.bindZdtProperties(Map.of("ZDT_TERMINATION_GRACE_PERIOD", "75s", "ZDT_DRAIN_TOKEN", "t0ken"));

		assertThat(properties.getTerminationGracePeriod()).isEqualTo(Duration.ofSeconds(75));
		assertThat(properties.getDrain().getToken()).isEqualTo("t0ken");
	}

}
