package dev.zdt.testsupport.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP response as it came over the wire, with every header (including
 * {@code Connection}, which {@code java.net.http.HttpClient} hides).
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body as text
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

	/**
	 * Returns the first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Returns whether the server announced that it closes the connection after this
	 * response.
	 * @return whether the response carries {@code Connection: close}
	 */
	public boolean connectionClose() {
		List<String> values = this.headers.getOrDefault("connection", List.of());
		return values.stream().anyMatch((value) -> value.toLowerCase(Locale.ROOT).contains("close"));
	}

	@Override
	public String toString() {
		String shortBody = (this.body.length() > 200) ? this.body.substring(0, 200) + "..." : this.body;
		return this.status + " " + this.headers + " " + shortBody.strip();
	}

}
