package dev.zdt.boot.web;

import java.util.List;

import dev.zdt.boot.internal.BootWebServers;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What zdt needs in a native image to reach the web servers' connections: Tomcat's
 * {@code AbstractProtocol.getEndpoint()}, which {@link TomcatConnections} invokes
 * reflectively (without it HTTP/2 connections would get no GOAWAY and idle keep-alive
 * connections would stay open), and the classes whose presence it checks, which
 * {@code Class.forName} finds there only when registered.
 */
final class WebServerRuntimeHints implements RuntimeHintsRegistrar {

	static final String TOMCAT_PROTOCOL = "org.apache.coyote.AbstractProtocol";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(TOMCAT_PROTOCOL, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(TOMCAT_PROTOCOL),
						(type) -> type.withMethod(TomcatConnections.GET_ENDPOINT, List.of(), ExecutableMode.INVOKE));
		}
		registerPresent(hints, classLoader, BootWebServers.TOMCAT, BootWebServers.JETTY,
				JettyConnections.HTTP2_CONNECTION);
	}

	private static void registerPresent(RuntimeHints hints, @Nullable ClassLoader classLoader, String... types) {
		for (String type : types) {
			if (ClassUtils.isPresent(type, classLoader)) {
				hints.reflection().registerType(TypeReference.of(type));
			}
		}
	}

}
