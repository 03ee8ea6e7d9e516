package dev.zdt.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Plain HTTP/1.1 GETs to the app, the way a load balancer or the kubelet would send them.
 */
final class Http {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Http() {
	}

	static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return client.send(request(uri), BodyHandlers.ofString());
	}

	static CompletableFuture<HttpResponse<String>> getAsync(URI uri) {
		return client.sendAsync(request(uri), BodyHandlers.ofString());
	}

	/**
	 * The status code, or -1 when the server cannot be reached.
	 * @param uri what to get
	 * @return the status code or -1
	 */
	static int status(URI uri) throws InterruptedException {
		try {
			return get(uri).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static HttpRequest request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
	}

}
