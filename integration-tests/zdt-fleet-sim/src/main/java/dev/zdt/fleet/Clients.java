package dev.zdt.fleet;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Real SDK clients pointed at the fake ELBv2 API.
 */
final class Clients {

	private Clients() {
	}

	/**
	 * A pod's client as the starter builds it: 2 s per call, 1 s per attempt.
	 */
	static ElasticLoadBalancingV2Client pod(URI endpoint) {
		Duration attempt = Duration.ofSeconds(1);
		return ElasticLoadBalancingV2Client.builder()
			.endpointOverride(endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(CallCounter.POD_KEY, "fleet-secret")))
			.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(attempt).socketTimeout(attempt))
			.overrideConfiguration((configuration) -> configuration.apiCallTimeout(Duration.ofSeconds(2))
				.apiCallAttemptTimeout(attempt))
			.build();
	}

	/**
	 * The controller's client: one attempt per call, since {@link SimulatedController}
	 * retries the way the controller's Go SDK does.
	 */
	static ElasticLoadBalancingV2Client controller(URI endpoint) {
		return ElasticLoadBalancingV2Client.builder()
			.endpointOverride(endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(CallCounter.CONTROLLER_KEY, "fleet-secret")))
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.overrideConfiguration((configuration) -> configuration.retryStrategy((retry) -> retry.maxAttempts(1)))
			.build();
	}

}
