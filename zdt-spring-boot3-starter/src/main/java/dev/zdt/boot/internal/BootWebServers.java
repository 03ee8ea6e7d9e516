package dev.zdt.boot.internal;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.web.embedded.jetty.JettyWebServer;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.embedded.netty.NettyWebServer;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Where Spring Boot 3 keeps the web server types zdt needs: the twin of
 * zdt-spring-boot-starter's class of the same name, which names the same types in their
 * Boot 4 packages. Every other class is shared by both starters. Not an API: it may
 * change in any release.
 *
 * @since 0.1.0
 */
public final class BootWebServers {

	/**
	 * The application context that runs a web server; present with Boot's web server
	 * module.
	 */
	public static final String APPLICATION_CONTEXT = "org.springframework.boot.web.context.WebServerApplicationContext";

	/**
	 * The event published when a web server has started.
	 */
	public static final String INITIALIZED_EVENT = "org.springframework.boot.web.context.WebServerInitializedEvent";

	public static final String TOMCAT = "org.springframework.boot.web.embedded.tomcat.TomcatWebServer";

	public static final String JETTY = "org.springframework.boot.web.embedded.jetty.JettyWebServer";

	/**
	 * Reactor Netty's web server factory; present with Boot's Reactor Netty support.
	 */
	public static final String REACTOR_NETTY_FACTORY = "org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory";

	private BootWebServers() {
	}

	/**
	 * Tells whether the context has started its web server. Call only where
	 * {@link #APPLICATION_CONTEXT} is present.
	 * @param context the context
	 * @return whether it runs a web server
	 */
	public static boolean running(ApplicationContext context) {
		return context instanceof WebServerApplicationContext web && web.getWebServer() != null;
	}

	/**
	 * Returns the lifecycle phase in which web servers shut down gracefully. Call only
	 * where {@link #APPLICATION_CONTEXT} is present.
	 * @return the phase
	 */
	public static int gracefulShutdownPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
	}

	public static ApplicationListener<?> startedListener(ApplicationContext context, Consumer<WebServer> started) {
		return new StartedListener(context, started);
	}

	public static @Nullable Tomcat tomcat(Object webServer) {
		return (webServer instanceof TomcatWebServer tomcat) ? tomcat.getTomcat() : null;
	}

	public static @Nullable Server jetty(Object webServer) {
		return (webServer instanceof JettyWebServer jetty) ? jetty.getServer() : null;
	}

	public static boolean reactorNetty(Object webServer) {
		return webServer instanceof NettyWebServer;
	}

	public static WebServerFactoryCustomizer<?> reactorNettyCustomizer(UnaryOperator<HttpServer> customizer) {
		return new ReactorNettyCustomizer(customizer);
	}

	/**
	 * Adds a server customizer to the factory it is given, a factory of this context
	 * only. A {@code NettyServerCustomizer} bean would be applied by Boot's own factory
	 * bean only, missing a factory that the application declares itself, and a separate
	 * management server's factory may take it from this (parent) context too.
	 */
	private record ReactorNettyCustomizer(
			UnaryOperator<HttpServer> customizer) implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

		@Override
		public void customize(NettyReactiveWebServerFactory factory) {
			factory.addServerCustomizers(this.customizer::apply);
		}

	}

	private record StartedListener(ApplicationContext context,
			Consumer<WebServer> started) implements ApplicationListener<WebServerInitializedEvent> {

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			// The management server of a separate port belongs to a child context: its
			// connections carry probes, not the load balancer's traffic.
			if (event.getApplicationContext() == this.context) {
				this.started.accept(event.getWebServer());
			}
		}

	}

}
