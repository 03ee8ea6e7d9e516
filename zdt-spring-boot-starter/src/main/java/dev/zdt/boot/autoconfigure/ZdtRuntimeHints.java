package dev.zdt.boot.autoconfigure;

import dev.zdt.boot.internal.BootWebServers;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What zdt's wiring needs in a native image, where {@code Class.forName} finds only the
 * classes registered for reflection: the classes whose presence it checks at run time
 * (whether a web server can run, Reactor Netty's resources for the shutdown budget).
 * Registered through {@code META-INF/spring/aot.factories}, with the hints of the other
 * packages.
 */
final class ZdtRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		registerPresent(hints, classLoader, BootWebServers.APPLICATION_CONTEXT,
				ReactorNettyQuietPeriod.RESOURCE_FACTORY);
	}

	private static void registerPresent(RuntimeHints hints, @Nullable ClassLoader classLoader, String... types) {
		for (String type : types) {
			if (ClassUtils.isPresent(type, classLoader)) {
				hints.reflection().registerType(TypeReference.of(type));
			}
		}
	}

}
