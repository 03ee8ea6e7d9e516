package dev.zdt.boot.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What the zdt endpoint needs in a native image: the servlet request class, whose
 * presence {@link CallingRequest} checks to read the caller's token
 * ({@code Class.forName} finds it there only when registered; without it every drain
 * would be refused).
 */
final class EndpointRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(CallingRequest.SERVLET_REQUEST, classLoader)) {
			hints.reflection().registerType(TypeReference.of(CallingRequest.SERVLET_REQUEST));
		}
	}

}
