package dev.zdt.autoconfigure.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a call below the zdt endpoint (the drain operation) through only with the right
 * {@value #HEADER} header. Not {@code Authorization}: kubelet may fall back from HTTPS to HTTP
 * and then drops that header.
 *
 * @since 0.1.0
 */
public final class DrainTokenFilter extends OncePerRequestFilter {

	/** The header that carries the token. */
	public static final String HEADER = "X-Zdt-Token";

	private final byte[] token;

	private final Supplier<String> endpointPath;

	DrainTokenFilter(String token, Supplier<String> endpointPath) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
		this.endpointPath = endpointPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Decoded and free of path parameters, so that no spelling of the path slips past.
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return !path.startsWith(this.endpointPath.get() + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented != null && MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"status\":403,\"error\":\"Forbidden\",\"message\":\"The drain needs the " + HEADER
					+ " header with the value of zdt.drain.token\"}");
	}

}
