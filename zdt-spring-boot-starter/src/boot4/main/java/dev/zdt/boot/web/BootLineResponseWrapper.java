package dev.zdt.boot.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Hooks the redirects that Servlet 6.1 added, which Spring Boot 4's servers implement. Its
 * twin in zdt-spring-boot3-starter (Servlet 6.0) has none to hook.
 */
abstract class BootLineResponseWrapper extends CommitHookResponseWrapper {

	BootLineResponseWrapper(HttpServletResponse response) {
		super(response);
	}

	@Override
	public void sendRedirect(String location, int sc) throws IOException {
		beforeCommit();
		super.sendRedirect(location, sc);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		beforeCommit();
		super.sendRedirect(location, clearBuffer);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		beforeCommit();
		super.sendRedirect(location, sc, clearBuffer);
	}

}
