package dev.zdt.boot.autoconfigure;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DrainTokenValidationTests {

	private static final String TOKEN = "7f3c9a1e5b2d48c6a0e9f1b3d5c7e9a2";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class));

	@ParameterizedTest(name = "zdt.drain.token={0} fails startup: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			false                               | at least 16 characters
			FALSE                               | at least 16 characters
			x                                   | at least 16 characters
			0123456789abcde                     | at least 16 characters
			replace-me-with-openssl-rand-hex-32 | placeholder
			REPLACE-ME-WITH-OPENSSL-RAND-HEX-32 | placeholder
			changeme-changeme-changeme          | placeholder
			change-me-please-0123456789         | placeholder
			päßwörd-päßwörd-päßwörd-päßwörd     | printable ASCII
			""")
	void tokenThatIsWeakAPlaceholderOrCannotTravelInAHeaderFailsStartup(String token, String reason) {
		this.contextRunner.withPropertyValues("zdt.drain.token=" + token)
			.run((context) -> assertThat(failureMessages(context)).contains("zdt.drain.token", reason)
				.contains("openssl rand -hex 32"));
	}

	@ParameterizedTest(name = "zdt.drain.token={0} fails startup: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | repeats one character
			aaaaaaaaaaaaaaaa                 | repeats one character
			abababababababababababababababab | repeats its first 2 characters
			0123456789abcdef0123456789abcdef | repeats its first 16 characters
			S3cr3t!S3cr3t!S3cr3t!            | repeats its first 7 characters
			abcdefghijklmnopqrstuvwxyz       | run of consecutive characters
			0123456789abcdef                 | run of consecutive characters
			1234567890123456                 | run of consecutive characters
			ZYXWVUTSRQPONMLKJIHGFEDCBA       | run of consecutive characters
			0001100010100110100101010000110  | only 2 different characters
			aaabbbcccaaabbbcccabcabccbacbaab | only 3 different characters
			""")
	void trivialTokenFailsStartupSayingWhyWithoutShowingIt(String token, String reason) {
		this.contextRunner.withPropertyValues("zdt.drain.token=" + token)
			.run((context) -> assertThat(failureMessages(context)).contains("zdt.drain.token", reason, "guess")
				.contains("openssl rand -hex 32")
				.doesNotContain(token));
	}

	@Test
	void randomTokensAreNeverTakenForTrivialOnes() {
		// Fixed seed: the same tokens in every run. Hex and decimal are the smallest
		// alphabets a generated token comes in; 16 characters is the shortest allowed.
		Random random = new Random(22);
		for (int i = 0; i < 20_000; i++) {
			String hex = HexFormat.of().formatHex(randomBytes(random, 8 + (i % 25)));
			String decimal = String.format("%016d", Math.floorMod(random.nextLong(), 10_000_000_000_000_000L));
			String base64 = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random, 12 + (i % 21)));
			for (String token : List.of(hex, decimal, base64)) {
				assertThatNoException().as(token).isThrownBy(() -> DrainTokenRules.validate(token));
			}
		}
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	@Test
	void controlCharacterInsideTheTokenFailsStartupWithoutShowingTheToken() {
		String token = TOKEN + "\u0007" + TOKEN;
		this.contextRunner.withPropertyValues("zdt.drain.token=" + token)
			.run((context) -> assertThat(failureMessages(context)).contains("zdt.drain.token", "printable ASCII")
				.doesNotContain(TOKEN));
	}

	@Test
	void surroundingWhitespaceAndTheTrailingNewlineOfASecretFileAreTrimmed() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("secret-file", Map.of("zdt.drain.token", "  " + TOKEN + "\r\n"))))
			.run((context) -> assertThat(context.getBean(ZdtProperties.class).getDrain().getToken()).isEqualTo(TOKEN));
	}

	@Test
	void strongTokenStarts() {
		this.contextRunner.withPropertyValues("zdt.drain.token=" + TOKEN)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest(name = "zdt.drain.cancel-after={0} fails startup")
	@ValueSource(strings = { "-1s", "500ms" })
	void cancelAfterThatIsNegativeOrTooShortFailsStartup(String value) {
		this.contextRunner.withPropertyValues("zdt.drain.cancel-after=" + value)
			.run((context) -> assertThat(failureMessages(context)).contains("zdt.drain.cancel-after"));
	}

	@ParameterizedTest(name = "zdt.drain.cancel-after={0} starts")
	@ValueSource(strings = { "0", "1s", "5m" })
	void cancelAfterThatIsZeroOrAtLeastASecondStarts(String value) {
		this.contextRunner.withPropertyValues("zdt.drain.cancel-after=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static String failureMessages(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
