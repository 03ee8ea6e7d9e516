package dev.zdt.boot.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The twin of zdt-spring-boot-starter's class of the same name, which hooks the redirects
 * that Servlet 6.1 added: Spring Boot 3's servers implement Servlet 6.0, which has none.
 */
abstract class BootLineResponseWrapper extends CommitHookResponseWrapper {

	BootLineResponseWrapper(HttpServletResponse response) {
		super(response);
	}

}
