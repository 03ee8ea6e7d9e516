package dev.zdt.boot.actuate;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the zdt operations read from the HTTP request that invoked them, which actuator
 * does not pass to operations: a header, and the selector as the matched path gave it
 * (actuator lets a query parameter or a body field of the same name override the path).
 * On a servlet stack the request is the one on the thread; on WebFlux the
 * {@link ZdtReactiveWebExtension} names it for the duration of the operation. Everything
 * here is {@code null} when there is no request, and the callers then refuse.
 */
final class CallingRequest {

	// HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, spelled out: Spring MVC is
	// optional.
	private static final String URI_TEMPLATE_VARIABLES = "org.springframework.web.servlet.HandlerMapping.uriTemplateVariables";

	static final String SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";

	private static final boolean SERVLET = ClassUtils.isPresent(SERVLET_REQUEST, CallingRequest.class.getClassLoader());

	private static final ThreadLocal<@Nullable Source> named = new ThreadLocal<>();

	private CallingRequest() {
	}

	static @Nullable String header(String name) {
		Source source = named.get();
		if (source != null) {
			return source.header(name);
		}
		return SERVLET ? ServletHeaders.header(name) : null;
	}

	static @Nullable String pathVariable(String name) {
		Source source = named.get();
		if (source != null) {
			return source.pathVariable(name);
		}
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object variables = (attributes != null)
				? attributes.getAttribute(URI_TEMPLATE_VARIABLES, RequestAttributes.SCOPE_REQUEST) : null;
		return variable(variables, name);
	}

	/**
	 * Runs an operation on this thread for a request that is not a servlet request on the
	 * thread.
	 * @param caller the calling request, or {@code null} when it is unknown (then the
	 * operation sees no request, as it must refuse)
	 * @param operation the operation
	 * @return what the operation returned
	 */
	static <T> T callFor(@Nullable Source caller, Supplier<T> operation) {
		named.set((caller != null) ? caller : Source.NONE);
		try {
			return operation.get();
		}
		finally {
			named.remove();
		}
	}

	static @Nullable String variable(@Nullable Object variables, String name) {
		return (variables instanceof Map<?, ?> map && map.get(name) instanceof String value) ? value : null;
	}

	/**
	 * A calling request of another web stack.
	 */
	interface Source {

		/** No request: nothing to read. */
		Source NONE = new Source() {

			@Override
			public @Nullable String header(String name) {
				return null;
			}

			@Override
			public @Nullable String pathVariable(String name) {
				return null;
			}

		};

		@Nullable String header(String name);

		@Nullable String pathVariable(String name);

	}

	/** Loaded only when the servlet API is present. */
	private static final class ServletHeaders {

		static @Nullable String header(String name) {
			if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
				HttpServletRequest request = attributes.getRequest();
				return request.getHeader(name);
			}
			return null;
		}

	}

}
