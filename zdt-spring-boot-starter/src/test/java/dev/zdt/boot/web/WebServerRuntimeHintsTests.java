package dev.zdt.boot.web;

import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.testing.AotFactoriesHints;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without these hints a native image would leave Tomcat's connections alone without a
 * word: no GOAWAY on HTTP/2, no close of idle keep-alive connections at the end of the
 * hold ({@link TomcatConnections} logs a warning and falls back).
 */
class WebServerRuntimeHintsTests {

	private final RuntimeHints hints = AotFactoriesHints.zdtHints();

	@Test
	// onMethod(Method).invoke() works on Spring Framework 6.2 and 7; 7 deprecates it for
	// onMethodInvocation(Method), which 6.2 does not have.
	@SuppressWarnings("removal")
	void tomcatsEndpointCanBeInvokedReflectively() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethod(AbstractProtocol.class.getDeclaredMethod(TomcatConnections.GET_ENDPOINT))
			.invoke()).accepts(this.hints);
	}

	@Test
	void theServersWhosePresenceIsCheckedAreRegisteredWhenTheyArePresent() {
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(BootWebServers.TOMCAT)))
			.accepts(this.hints);
		// Jetty is on the class path only in this module's "jetty" test run.
		for (String type : new String[] { BootWebServers.JETTY, JettyConnections.HTTP2_CONNECTION }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type)).test(this.hints)).as(type)
				.isEqualTo(ClassUtils.isPresent(type, getClass().getClassLoader()));
		}
	}

}
