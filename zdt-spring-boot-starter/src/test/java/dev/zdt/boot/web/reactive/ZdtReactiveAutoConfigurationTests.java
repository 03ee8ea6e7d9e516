package dev.zdt.boot.web.reactive;

import java.time.Duration;

import dev.zdt.boot.actuate.ZdtEndpoint;
import dev.zdt.boot.actuate.ZdtReactiveWebExtension;
import dev.zdt.boot.actuate.autoconfigure.ZdtEndpointAutoConfiguration;
import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.web.ConnectionDrainer;
import dev.zdt.boot.web.DrainFilter;
import dev.zdt.boot.web.autoconfigure.ZdtReactiveAutoConfiguration;
import dev.zdt.boot.web.autoconfigure.ZdtReactiveLongLivedResponsesAutoConfiguration;
import dev.zdt.boot.web.autoconfigure.ZdtServletAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.connection.LongLivedConnections.Kind;
import dev.zdt.core.connection.LongLivedConnections;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which web stack gets which filter, and the endpoint's reactive extension.
 */
class ZdtReactiveAutoConfigurationTests {

	private static final AutoConfigurations ZDT = AutoConfigurations.of(ZdtAutoConfiguration.class,
			ZdtServletAutoConfiguration.class, ZdtReactiveAutoConfiguration.class,
			ZdtReactiveLongLivedResponsesAutoConfiguration.class, ZdtEndpointAutoConfiguration.class,
			EndpointAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(ZDT);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(ZDT);

	@Test
	void aReactiveApplicationGetsTheWebFilterAndNotTheServletFilter() {
		this.reactive.run((context) -> {
			assertThat(context).hasSingleBean(DrainWebFilter.class);
			assertThat(context.getBeansOfType(WebFilter.class)).containsOnlyKeys("zdtDrainWebFilter");
			assertThat(context.getBeanNamesForType(DrainFilter.class)).isEmpty();
			assertThat(context).doesNotHaveBean("zdtDrainFilter");
		});
	}

	@Test
	void aReactiveApplicationGetsTheLongLivedResponsesAndAServletApplicationDoesNot() {
		this.reactive.run((context) -> {
			assertThat(context).hasSingleBean(ReactiveLongLivedResponses.class)
				.hasSingleBean(LongLivedConnections.class);
			LongLivedConnections connections = context.getBean(LongLivedConnections.class);
			context.getBean(ReactiveLongLivedResponses.class)
				.sse(Flux.<ServerSentEvent<String>>never())
				.subscribe()
				.dispose();
			assertThat(connections.open(Kind.SERVER_SENT_EVENTS)).isZero();
			Disposable stream = context.getBean(ReactiveLongLivedResponses.class)
				.sse(Flux.<ServerSentEvent<String>>never())
				.subscribe();
			assertThat(connections.open(Kind.SERVER_SENT_EVENTS)).as("registered with zdt's registry").isOne();
			stream.dispose();
		});
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(ReactiveLongLivedResponses.class)
			.hasSingleBean(LongLivedConnections.class));
	}

	@Test
	void anApplicationsOwnLongLivedResponsesReplaceTheStarters() {
		this.reactive
			.withBean("myResponses", ReactiveLongLivedResponses.class,
					() -> new ReactiveLongLivedResponses(new LongLivedConnections()))
			.run((context) -> assertThat(context).hasSingleBean(ReactiveLongLivedResponses.class)
				.hasBean("myResponses"));
	}

	@Test
	void aServletApplicationGetsTheServletFilterAndNotTheWebFilter() {
		this.servlet.withPropertyValues("management.endpoints.web.exposure.include=zdt").run((context) -> {
			assertThat(context).hasBean("zdtDrainFilter").doesNotHaveBean(DrainWebFilter.class);
			assertThat(context).doesNotHaveBean(ZdtReactiveWebExtension.class)
				.doesNotHaveBean(ServerWebExchangeContextFilter.class);
		});
	}

	@Test
	void disabledGivesNeitherFilter() {
		this.reactive.withPropertyValues("zdt.enabled=false", "management.endpoints.web.exposure.include=zdt")
			.run((context) -> assertThat(context).doesNotHaveBean(DrainCoordinator.class)
				.doesNotHaveBean(DrainWebFilter.class)
				.doesNotHaveBean(ZdtReactiveWebExtension.class)
				.doesNotHaveBean(ServerWebExchangeContextFilter.class));
		this.servlet.withPropertyValues("zdt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("zdtDrainFilter"));
	}

	@Test
	void disabledStillGivesTheLongLivedResponsesSoThatApplicationCodeStartsAndTheyAreNeverEnded() {
		this.reactive.withPropertyValues("zdt.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LongLivedConnections.class);
			ServerSentEvent<String> event = ServerSentEvent.builder("data").id("1").build();
			assertThat(context.getBean(ReactiveLongLivedResponses.class)
				.sse(Flux.just(event))
				.collectList()
				.block(Duration.ofSeconds(5))).containsExactly(event);
		});
	}

	@Test
	void anExposedEndpointGetsTheReactiveExtensionAndTheExchangeInTheReactorContext() {
		this.reactive.withPropertyValues("management.endpoints.web.exposure.include=zdt")
			.run((context) -> assertThat(context).hasSingleBean(ZdtEndpoint.class)
				.hasSingleBean(ZdtReactiveWebExtension.class)
				.hasSingleBean(ServerWebExchangeContextFilter.class));
	}

	@Test
	void anEndpointNotExposedNeedsNoExchangeInTheReactorContext() {
		this.reactive.run((context) -> assertThat(context).doesNotHaveBean(ZdtReactiveWebExtension.class)
			.doesNotHaveBean(ServerWebExchangeContextFilter.class));
	}

	@Test
	void withoutReactorTheReactiveFilterBacksOff() {
		this.reactive.withClassLoader(new FilteredClassLoader("reactor.core"))
			.run((context) -> assertThat(context).hasSingleBean(DrainCoordinator.class)
				.doesNotHaveBean(DrainWebFilter.class));
	}

	@Test
	void onReactorNettyTheDrainerSeesTheServersConnections() {
		this.reactive.run((context) -> assertThat(context).hasSingleBean(ConnectionDrainer.class)
			.hasBean("zdtReactorNettyConnections")
			.hasBean("zdtWebServerStartedListener"));
	}

	@Test
	void withoutBootsReactorNettyServerThereIsNoDrainer() {
		this.reactive
			.withClassLoader(new FilteredClassLoader((name) -> name.equals(BootWebServers.REACTOR_NETTY_FACTORY)))
			.run((context) -> assertThat(context).hasSingleBean(DrainWebFilter.class)
				.doesNotHaveBean(ConnectionDrainer.class)
				.doesNotHaveBean("zdtReactorNettyConnections"));
	}

}
