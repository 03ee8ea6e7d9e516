package dev.zdt.boot.actuate;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Why the zdt endpoint refused an operation.
 *
 * @param status the HTTP status
 * @param error the reason phrase
 * @param message what to do about it
 * @since 0.1.0
 */
public record ZdtRefusal(int status, String error, String message) implements OperationResponseBody {

	static ZdtRefusal forbidden() {
		return new ZdtRefusal(403, "Forbidden",
				"The operation needs the " + ZdtEndpoint.TOKEN_HEADER + " header with the value of zdt.drain.token");
	}

	static ZdtRefusal conflict(String message) {
		return new ZdtRefusal(409, "Conflict", message);
	}

	static ZdtRefusal notFound() {
		return new ZdtRefusal(404, "Not Found", "The zdt endpoint has GET or POST drain and POST cancel");
	}

}
