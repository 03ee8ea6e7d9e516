package dev.zdt.boot.autoconfigure;

import java.util.function.BooleanSupplier;

import dev.zdt.boot.internal.BootWebServers;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Tells whether the application runs a web server, without needing Boot's web server
 * module on the classpath.
 */
final class WebServerDetector {

	private WebServerDetector() {
	}

	static BooleanSupplier runningIn(ApplicationContext context) {
		if (!webServerModulePresent(context.getClassLoader())) {
			return () -> false;
		}
		return () -> BootWebServers.running(context);
	}

	static int gracefulShutdownPhase() {
		return BootWebServers.gracefulShutdownPhase();
	}

	static boolean webServerModulePresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(BootWebServers.APPLICATION_CONTEXT, classLoader);
	}

}
