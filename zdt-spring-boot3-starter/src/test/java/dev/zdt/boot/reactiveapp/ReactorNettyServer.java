package dev.zdt.boot.reactiveapp;

import java.util.List;

import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@link ReactiveTestApplication} on Reactor Netty although the test classpath
 * holds Tomcat too: Boot 3 prefers Tomcat for a reactive application when both are
 * present. A separate management server takes the same factory type. The twin of
 * zdt-spring-boot-starter's class of the same name (src/boot4/test/java).
 */
@Configuration(proxyBeanMethods = false)
public class ReactorNettyServer {

	/** Properties the application starts with. */
	public static final List<String> PROPERTIES = List.of();

	@Bean
	NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
		return new NettyReactiveWebServerFactory();
	}

}
