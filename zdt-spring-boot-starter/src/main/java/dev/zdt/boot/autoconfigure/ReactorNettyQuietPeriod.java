package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * How long Reactor Netty's shared resources take to release at shutdown: when the
 * application has a {@code ReactorResourceFactory} (a WebFlux server on Reactor Netty, or
 * a Reactor Netty {@code WebClient}), its event loops wait a quiet period after the
 * graceful shutdown before the JVM can exit, and that time comes out of the grace period.
 */
final class ReactorNettyQuietPeriod {

	static final String RESOURCE_FACTORY = "org.springframework.http.client.ReactorResourceFactory";

	private static final String PROPERTY = "spring.reactor.netty.shutdown-quiet-period";

	// Reactor Netty's own default (LoopResources.DEFAULT_SHUTDOWN_QUIET_PERIOD), read the
	// way it reads it, so that this class does not load Reactor Netty.
	private static final String REACTOR_NETTY_DEFAULT = "reactor.netty.ioShutdownQuietPeriod";

	private ReactorNettyQuietPeriod() {
	}

	static Duration of(ListableBeanFactory beanFactory, Environment environment) {
		ClassLoader classLoader = ReactorNettyQuietPeriod.class.getClassLoader();
		if (!ClassUtils.isPresent(RESOURCE_FACTORY, classLoader)
				|| beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(RESOURCE_FACTORY, classLoader), false,
						false).length == 0) {
			return Duration.ZERO;
		}
		return Binder.get(environment)
			.bind(PROPERTY, Duration.class)
			.orElseGet(() -> Duration.ofSeconds(Long.getLong(REACTOR_NETTY_DEFAULT, 2)));
	}

}
