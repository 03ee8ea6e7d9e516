package dev.zdt.boot.autoconfigure;

import java.util.function.BooleanSupplier;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Tells whether the application runs a web server, without needing Boot's web server
 * module on the classpath.
 */
final class WebServerDetector {

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

	private WebServerDetector() {
	}

	static BooleanSupplier runningIn(ApplicationContext context) {
		if (!ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())) {
			return () -> false;
		}
		return () -> Servers.running(context);
	}

	static int gracefulShutdownPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
	}

	static boolean webServerModulePresent(ClassLoader classLoader) {
		return ClassUtils.isPresent(WEB_SERVER_CONTEXT, classLoader);
	}

	private static final class Servers {

		static boolean running(ApplicationContext context) {
			return context instanceof WebServerApplicationContext web && web.getWebServer() != null;
		}

	}

}
