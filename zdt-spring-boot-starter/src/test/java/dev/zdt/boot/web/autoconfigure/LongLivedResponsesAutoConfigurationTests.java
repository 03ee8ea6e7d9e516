package dev.zdt.boot.web.autoconfigure;

import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.web.LongLivedResponses;
import dev.zdt.boot.web.socket.LongLivedWebSockets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.socket.WebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which servlet applications get {@link LongLivedResponses} and
 * {@link LongLivedWebSockets}: spring-webmvc and spring-websocket are optional.
 */
class LongLivedResponsesAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtServletAutoConfiguration.class,
				ZdtServletLongLivedResponsesAutoConfiguration.class));

	@Test
	void aSpringMvcApplicationWithSpringWebSocketGetsBoth() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(LongLivedResponses.class)
			.hasSingleBean(LongLivedWebSockets.class));
	}

	@Test
	void withoutSpringWebSocketTheStreamsAreStillEnded() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketHandler.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LongLivedResponses.class)
				.doesNotHaveBean(LongLivedWebSockets.class));
	}

	@Test
	void withoutSpringMvcThereIsNothingToEnd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SseEmitter.class, WebSocketHandler.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LongLivedResponses.class)
				.doesNotHaveBean(LongLivedWebSockets.class));
	}

	@Test
	void disabledStillGivesBothSoThatApplicationCodeThatUsesThemStarts() {
		this.contextRunner.withPropertyValues("zdt.enabled=false").withBean(EventsController.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(LongLivedResponses.class)
				.hasSingleBean(LongLivedWebSockets.class);
			SseEmitter emitter = context.getBean(EventsController.class).events();
			assertThat(emitter).isNotNull();
		});
	}

	static class EventsController {

		private final LongLivedResponses responses;

		EventsController(LongLivedResponses responses) {
			this.responses = responses;
		}

		SseEmitter events() {
			return this.responses.sse(new SseEmitter());
		}

	}

}
