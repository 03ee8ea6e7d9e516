package dev.zdt.boot.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that calls {@link #beforeCommit()} before anything that may commit it: its
 * body is opened, it is flushed, or it becomes an error or a redirect. The redirects that
 * only Servlet 6.1 (Spring Boot 4) has are hooked by {@link BootLineResponseWrapper}.
 */
abstract class CommitHookResponseWrapper extends HttpServletResponseWrapper {

	CommitHookResponseWrapper(HttpServletResponse response) {
		super(response);
	}

	/**
	 * Called before the response may be committed; may be called more than once.
	 */
	abstract void beforeCommit();

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		beforeCommit();
		return super.getOutputStream();
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		beforeCommit();
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		beforeCommit();
		super.flushBuffer();
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		beforeCommit();
		super.sendError(sc, msg);
	}

	@Override
	public void sendError(int sc) throws IOException {
		beforeCommit();
		super.sendError(sc);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		beforeCommit();
		super.sendRedirect(location);
	}

}
