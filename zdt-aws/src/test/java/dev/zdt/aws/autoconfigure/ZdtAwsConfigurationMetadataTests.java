package dev.zdt.aws.autoconfigure;

import java.util.Map;

import dev.zdt.autoconfigure.ZdtProperties;
import dev.zdt.autoconfigure.testing.ConfigurationMetadataCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata IDEs complete {@code zdt.aws.*} properties from (next to the starter's).
 */
class ZdtAwsConfigurationMetadataTests {

	private final ConfigurationMetadataCheck metadata = ConfigurationMetadataCheck.load();

	@Test
	void everyPropertyIsInTheMetadata() {
		assertThat(this.metadata.names()).contains("zdt.aws.enabled", "zdt.aws.target-group-arns",
				"zdt.aws.kubernetes-discovery", "zdt.aws.poll-interval", "zdt.enabled");
	}

	@Test
	void everyPropertyHasADescriptionInSpringBootsStyleAndItsRealDefault() {
		assertThat(this.metadata.problems(Map.of("zdt", new ZdtProperties(), "zdt.aws", new ZdtAwsProperties())))
			.isEmpty();
	}

}
