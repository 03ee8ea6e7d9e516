package dev.zdt.boot.web.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.web.LongLivedResponses;
import dev.zdt.boot.web.socket.LongLivedWebSockets;
import dev.zdt.core.connection.LongLivedConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives a Spring MVC application {@link LongLivedResponses} (and
 * {@link LongLivedWebSockets} with spring-websocket) to end its server-sent event streams
 * and WebSockets when the drain's hold ends.
 * <p>
 * Unlike the rest of zdt this one stays when {@code zdt.enabled=false}: application code
 * that hands its responses to zdt must still start. Without zdt's registry the responses
 * register with one that no drain ends, so they run as if unwrapped.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.SseEmitter")
public final class ZdtServletLongLivedResponsesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LongLivedResponses zdtLongLivedResponses(ObjectProvider<LongLivedConnections> connections) {
		return new LongLivedResponses(connections.getIfAvailable(LongLivedConnections::new));
	}

	/**
	 * Closes WebSocket sessions when the hold ends.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.socket.WebSocketHandler")
	static class LongLivedWebSocketsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LongLivedWebSockets zdtLongLivedWebSockets(LongLivedResponses responses) {
			return new LongLivedWebSockets(responses);
		}

	}

}
