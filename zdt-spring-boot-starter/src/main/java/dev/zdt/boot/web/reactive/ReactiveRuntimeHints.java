package dev.zdt.boot.web.reactive;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What zdt needs in a native image on WebFlux: Spring's
 * {@code AbstractWebSocketSession.getDelegate()}, which
 * {@link ReactorNettyClosingHandshake} invokes reflectively to wait for a WebSocket
 * client's Close frame on Reactor Netty, and the classes whose presence it checks, which
 * {@code Class.forName} finds there only when registered.
 */
final class ReactiveRuntimeHints implements RuntimeHintsRegistrar {

	static final String WEBSOCKET_SESSION = "org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(WEBSOCKET_SESSION, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(WEBSOCKET_SESSION), (type) -> type
					.withMethod(ReactorNettyClosingHandshake.GET_DELEGATE_NAME, List.of(), ExecutableMode.INVOKE));
		}
		registerPresent(hints, classLoader, DrainWebFilter.REACTOR_NETTY_REQUEST,
				LongLivedWebSocketHandler.REACTOR_NETTY_WEBSOCKET);
	}

	private static void registerPresent(RuntimeHints hints, @Nullable ClassLoader classLoader, String... types) {
		for (String type : types) {
			if (ClassUtils.isPresent(type, classLoader)) {
				hints.reflection().registerType(TypeReference.of(type));
			}
		}
	}

}
