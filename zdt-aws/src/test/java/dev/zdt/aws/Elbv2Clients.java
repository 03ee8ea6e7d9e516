package dev.zdt.aws;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Real SDK clients pointed at a local endpoint.
 */
final class Elbv2Clients {

	static final AwsCredentialsProvider TEST_CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIAZDTTEST", "zdt-test-secret"));

	private Elbv2Clients() {
	}

	static ElasticLoadBalancingV2Client client(URI endpoint) {
		return client(endpoint, TEST_CREDENTIALS);
	}

	/**
	 * A client as an application configures one: the SDK's default retries (three
	 * attempts with back-off in the standard mode).
	 */
	static ElasticLoadBalancingV2Client clientWithSdkRetries(URI endpoint) {
		return ElasticLoadBalancingV2Client.builder()
			.endpointOverride(endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(TEST_CREDENTIALS)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	static ElasticLoadBalancingV2Client client(URI endpoint, AwsCredentialsProvider credentials) {
		return ElasticLoadBalancingV2Client.builder()
			.endpointOverride(endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(credentials)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			// No retries: each poll is one request, which the tests count.
			.overrideConfiguration((configuration) -> configuration.retryStrategy((retry) -> retry.maxAttempts(1)))
			.build();
	}

}
