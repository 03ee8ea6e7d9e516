package dev.zdt.boot.autoconfigure;

import java.util.Map;

import dev.zdt.boot.aws.autoconfigure.ZdtAwsProperties;
import dev.zdt.boot.testing.ConfigurationMetadataCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata IDEs complete {@code zdt.*} properties from.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadataCheck metadata = ConfigurationMetadataCheck.load();

	@Test
	void everyPropertyIsInTheMetadata() {
		assertThat(this.metadata.names()).contains("zdt.enabled", "zdt.termination-grace-period", "zdt.drain.strategy",
				"zdt.drain.adaptive.min-quiet", "zdt.traffic.excluded-user-agents", "zdt.aws.enabled",
				"zdt.aws.target-group-arns", "zdt.aws.kubernetes-discovery", "zdt.aws.poll-interval");
	}

	@Test
	void everyPropertyHasADescriptionInSpringBootsStyleAndItsRealDefault() {
		assertThat(this.metadata.problems(Map.of("zdt", new ZdtProperties(), "zdt.aws", new ZdtAwsProperties())))
			.isEmpty();
	}

}
