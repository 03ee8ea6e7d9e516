package dev.zdt.boot.reactiveapp;

import java.util.List;

import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@link ReactiveTestApplication} on Reactor Netty although the test classpath
 * holds Tomcat too. Boot 4 prefers Netty for a reactive application by itself, but would
 * configure a reactive management server (a separate management port) on Tomcat as well
 * as on Netty, under one bean name: the Tomcat one is excluded. The twin for Boot 3 is in
 * zdt-spring-boot3-starter.
 */
@Configuration(proxyBeanMethods = false)
public class ReactorNettyServer {

	/** Properties the application starts with. */
	public static final List<String> PROPERTIES = List.of("spring.autoconfigure.exclude="
			+ "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration");

}
