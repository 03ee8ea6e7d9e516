package dev.zdt.sample.manifests;

import java.security.SecureRandom;
import java.util.HexFormat;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests ship a placeholder token, in the Secret and the preStop header, so that
 * they cannot be applied unchanged with a token everyone knows: the app refuses it at
 * startup.
 */
class DrainTokenPlaceholderTests {

	static final String PLACEHOLDER = "replace-me-with-openssl-rand-hex-32";

	private static final Manifests MANIFESTS = Manifests.load(Manifests.k8sDirectory().resolve("base"));

	/** What {@code openssl rand -hex 32} gives. */
	static String generatedToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	@Test
	void theShippedTokenIsThePlaceholderThatTheAppRefuses() {
		String shipped = Yamls.string(MANIFESTS.only("Secret"), "stringData", "token");
		assertThat(shipped).isEqualTo(PLACEHOLDER);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class))
			.withPropertyValues("zdt.drain.token=" + shipped)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zdt.drain.token")
				.hasMessageContaining("placeholder")
				.hasMessageContaining("openssl rand -hex 32"));
	}

	@Test
	void aGeneratedTokenIsAccepted() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class))
			.withPropertyValues("zdt.drain.token=" + generatedToken())
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
