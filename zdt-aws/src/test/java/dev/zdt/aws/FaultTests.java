package dev.zdt.aws;

import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Fault}: a fault is named after its real cause, not after what wraps
 * it.
 */
class FaultTests {

	@Test
	void throttlingThatEndedInATimeoutIsThrottling() {
		ApiCallTimeoutException timeout = ApiCallTimeoutException.builder()
			.message("Client execution did not complete before the specified timeout configuration: 2000 millis")
			.cause(throttling())
			.build();
		assertThat(Fault.of(timeout).kind()).isEqualTo("throttled");
	}

	@Test
	void throttlingSuppressedByATimeoutIsThrottling() {
		ApiCallTimeoutException timeout = ApiCallTimeoutException.create(2000);
		timeout.addSuppressed(throttling());
		assertThat(Fault.of(timeout).kind()).isEqualTo("throttled");
	}

	@Test
	void readTimeoutOfTheHttpClientIsATimeoutNotAnUnreachableEndpoint() {
		SdkClientException ex = SdkClientException.builder()
			.message("Unable to execute HTTP request: Read timed out")
			.cause(new SocketTimeoutException("Read timed out"))
			.build();
		assertThat(Fault.of(ex).kind()).isEqualTo("timeout");
		assertThat(Fault.of(ex).permanent()).isFalse();
	}

	private static AwsServiceException throttling() {
		return AwsServiceException.builder()
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build())
			.build();
	}

}
