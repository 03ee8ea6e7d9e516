package dev.zdt.boot.actuate;

import java.util.Map;

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
 * Everything here is {@code null} when there is no servlet request on the thread, and the
 * callers then refuse.
 */
final class CallingRequest {

	// HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, spelled out: Spring MVC is
	// optional.
	private static final String URI_TEMPLATE_VARIABLES = "org.springframework.web.servlet.HandlerMapping.uriTemplateVariables";

	private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
			CallingRequest.class.getClassLoader());

	private CallingRequest() {
	}

	static @Nullable String header(String name) {
		return SERVLET ? ServletHeaders.header(name) : null;
	}

	static @Nullable String pathVariable(String name) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object variables = (attributes != null)
				? attributes.getAttribute(URI_TEMPLATE_VARIABLES, RequestAttributes.SCOPE_REQUEST) : null;
		return (variables instanceof Map<?, ?> map && map.get(name) instanceof String value) ? value : null;
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
