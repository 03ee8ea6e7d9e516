package dev.zdt.boot.web.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.web.reactive.ReactiveLongLivedResponses;
import dev.zdt.core.connection.LongLivedConnections;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Gives a reactive (WebFlux) application {@link ReactiveLongLivedResponses} to end its
 * server-sent event streams and WebSockets when the drain's hold ends.
 * <p>
 * Unlike the rest of zdt this one stays when {@code zdt.enabled=false}: application code
 * that wraps its responses must still start. Without zdt's registry the wrapped responses
 * register with one that no drain ends, so they run as if unwrapped.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(Flux.class)
public final class ZdtReactiveLongLivedResponsesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveLongLivedResponses zdtReactiveLongLivedResponses(ObjectProvider<LongLivedConnections> connections) {
		return new ReactiveLongLivedResponses(connections.getIfAvailable(LongLivedConnections::new));
	}

}
