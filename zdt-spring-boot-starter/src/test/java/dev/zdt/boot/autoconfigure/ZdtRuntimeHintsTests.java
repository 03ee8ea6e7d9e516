package dev.zdt.boot.autoconfigure;

import java.util.List;

import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.testing.AotFactoriesHints;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints zdt registers for a native image, found as Spring's AOT processing
 * finds them: in {@code META-INF/spring/aot.factories}. The hints of the web servers'
 * reflective access are tested beside the code that needs them
 * ({@code WebServerRuntimeHintsTests}, {@code ReactiveRuntimeHintsTests}).
 */
class ZdtRuntimeHintsTests {

	@Test
	void everyPackageWithRunTimeChecksHasItsRegistrarInAotFactories() {
		assertThat(AotFactoriesHints.zdtRegistrars()).extracting((registrar) -> registrar.getClass().getName())
			.containsExactlyInAnyOrder("dev.zdt.boot.actuate.EndpointRuntimeHints",
					"dev.zdt.boot.autoconfigure.ZdtRuntimeHints", "dev.zdt.boot.web.WebServerRuntimeHints",
					"dev.zdt.boot.web.reactive.ReactiveRuntimeHints", "dev.zdt.boot.web.socket.WebSocketRuntimeHints");
	}

	@Test
	void classesWhosePresenceZdtChecksAtRunTimeAreRegistered() {
		RuntimeHints hints = AotFactoriesHints.zdtHints();
		for (String type : List.of(BootWebServers.APPLICATION_CONTEXT, ReactorNettyQuietPeriod.RESOURCE_FACTORY,
				"org.apache.tomcat.websocket.WsSession", "jakarta.servlet.http.HttpServletRequest")) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type))).as(type).accepts(hints);
		}
	}

}
