package dev.zdt.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * A small client of the Kubernetes API for the pod's own service account: GETs a resource
 * with the service account's token (read at every request, since projected tokens
 * rotate), trusts the service account's CA, bounds each request by one time-out, and
 * turns every HTTP status and failure into a {@link DiscoveryException} that says what to
 * fix.
 */
final class KubernetesApiClient {

	private final @Nullable URI apiServer;

	private final Path tokenFile;

	private final @Nullable Path caCertificateFile;

	private final Duration timeout;

	private final String forbiddenFix;

	private final JsonNodeParser parser = JsonNode.parser();

	private volatile @Nullable HttpClient httpClient;

	/**
	 * Creates a client.
	 * @param apiServer the base URI of the API server, or {@code null} when not in
	 * Kubernetes
	 * @param tokenFile the file of the service account token
	 * @param caCertificateFile the PEM file of the API server's CA, or {@code null}
	 * @param timeout the time-out of connecting and of each request
	 * @param forbiddenFix what to do when the API answers 403: the permissions to grant
	 */
	KubernetesApiClient(@Nullable URI apiServer, Path tokenFile, @Nullable Path caCertificateFile, Duration timeout,
			String forbiddenFix) {
		this.apiServer = apiServer;
		this.tokenFile = tokenFile;
		this.caCertificateFile = caCertificateFile;
		this.timeout = timeout;
		this.forbiddenFix = forbiddenFix;
	}

	/**
	 * Reads a resource.
	 * @param path the path of the resource, such as {@code /api/v1/namespaces/x/pods/y}
	 * @param what the resource, for messages
	 * @param notFoundFix what to do when the API answers 404
	 * @return the resource
	 * @throws DiscoveryException when it cannot be read, with the fix
	 */
	JsonNode get(String path, String what, String notFoundFix) throws DiscoveryException {
		URI uri = requireApiServer().resolve(path);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + token())
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response = exchange(request, what);
		try {
			int status = response.statusCode();
			if (status == 200) {
				return this.parser.parse(new ByteArrayInputStream(response.body()));
			}
			String message = "the Kubernetes API answered " + status + " to GET " + what;
			if (status == 401) {
				throw new DiscoveryException(message + ": the service account token was refused",
						"mount the service account token (automountServiceAccountToken: true)", true, null);
			}
			if (status == 403) {
				throw new DiscoveryException(message, this.forbiddenFix, true, null);
			}
			if (status == 404) {
				throw new DiscoveryException(message, notFoundFix, true, null);
			}
			boolean permanent = status >= 400 && status < 500 && status != 429;
			throw new DiscoveryException(message, "none needed if it passes", permanent, null);
		}
		catch (RuntimeException ex) {
			throw new DiscoveryException("the Kubernetes API sent an unreadable answer to GET " + what + ": " + ex,
					"none needed if it passes", false, ex);
		}
	}

	/**
	 * Sends the request and reads the whole answer within the time-out: the request's own
	 * time-out covers only the wait for the response headers, and an API server that
	 * stalls in the middle of the body would otherwise hold the calling thread for good.
	 */
	private HttpResponse<byte[]> exchange(HttpRequest request, String what) throws DiscoveryException {
		String authority = request.uri().getAuthority();
		CompletableFuture<HttpResponse<byte[]>> exchange = httpClient().sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			return exchange.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw notInTime(authority, what, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				throw notInTime(authority, what, cause);
			}
			throw new DiscoveryException("the Kubernetes API at " + authority + " could not be reached: " + cause,
					"check that the pod can reach the API server, or set zdt.aws.target-group-arns", false, cause);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new DiscoveryException("interrupted while asking the Kubernetes API for " + what, "none", false, ex);
		}
	}

	private DiscoveryException notInTime(String authority, String what, Throwable cause) {
		return new DiscoveryException(
				"the Kubernetes API at " + authority + " did not answer GET " + what + " in time ("
						+ this.timeout.toMillis() + " ms)",
				"check that the pod can reach the API server, or set zdt.aws.target-group-arns", false, cause);
	}

	private String token() throws DiscoveryException {
		try {
			// Read each time: projected service account tokens are rotated.
			return Files.readString(this.tokenFile, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new DiscoveryException("no service account token at " + this.tokenFile,
					"mount the service account token (automountServiceAccountToken: true), "
							+ "or set zdt.aws.target-group-arns",
					true, ex);
		}
	}

	/**
	 * Returns the base URI of the API server.
	 * @return the URI
	 * @throws DiscoveryException when not running in Kubernetes
	 */
	URI requireApiServer() throws DiscoveryException {
		if (this.apiServer == null) {
			throw new DiscoveryException("not running in Kubernetes (KUBERNETES_SERVICE_HOST is not set)",
					"set zdt.aws.target-group-arns", true, null);
		}
		return this.apiServer;
	}

	private HttpClient httpClient() throws DiscoveryException {
		HttpClient client = this.httpClient;
		if (client == null) {
			HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(this.timeout);
			if (this.caCertificateFile != null && Files.isReadable(this.caCertificateFile)) {
				builder.sslContext(sslContext(this.caCertificateFile));
			}
			client = builder.build();
			this.httpClient = client;
		}
		return client;
	}

	private static SSLContext sslContext(Path caCertificateFile) throws DiscoveryException {
		try (InputStream in = Files.newInputStream(caCertificateFile)) {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trustStore.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new DiscoveryException("the CA certificate at " + caCertificateFile + " cannot be used: " + ex,
					"mount the service account token (automountServiceAccountToken: true)", true, ex);
		}
	}

	/**
	 * Returns the value at the given path of fields, if present and not null.
	 * @param node the JSON
	 * @param path the field names
	 * @return the value
	 */
	static Optional<JsonNode> node(JsonNode node, String... path) {
		Optional<JsonNode> current = Optional.of(node);
		for (String field : path) {
			current = current.flatMap((value) -> value.field(field));
		}
		return current.filter((value) -> !value.isNull());
	}

	/**
	 * Returns the string at the given path of fields, if present.
	 * @param node the JSON
	 * @param path the field names
	 * @return the string
	 */
	static Optional<String> text(JsonNode node, String... path) {
		return node(node, path).filter(JsonNode::isString).map(JsonNode::asString);
	}

}
