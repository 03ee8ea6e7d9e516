package dev.zdt.boot.web.socket;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What zdt needs in a native image for WebSockets on a servlet stack: Tomcat's session
 * class, whose presence {@link ClosingHandshakes} checks ({@code Class.forName} finds it
 * there only when registered).
 */
final class WebSocketRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(ClosingHandshakes.TOMCAT_SESSION, classLoader)) {
			hints.reflection().registerType(TypeReference.of(ClosingHandshakes.TOMCAT_SESSION));
		}
	}

}
