package dev.zdt.boot.web.reactive;

import dev.zdt.boot.testing.AotFactoriesHints;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without these hints a native image on WebFlux would close the WebSockets the drain ends
 * without waiting for their clients' Close frames, and would not ask HTTP/1.x responses
 * to close while draining.
 */
class ReactiveRuntimeHintsTests {

	private final RuntimeHints hints = AotFactoriesHints.zdtHints();

	@Test
	// onMethod(Method).invoke() works on Spring Framework 6.2 and 7; 7 deprecates it for
	// onMethodInvocation(Method), which 6.2 does not have.
	@SuppressWarnings("removal")
	void theWebSocketSessionsDelegateCanBeInvokedReflectively() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethod(AbstractWebSocketSession.class.getDeclaredMethod(ReactorNettyClosingHandshake.GET_DELEGATE_NAME))
			.invoke()).accepts(this.hints);
	}

	@Test
	void reactorNettysClassesWhosePresenceIsCheckedAreRegistered() {
		for (String type : new String[] { DrainWebFilter.REACTOR_NETTY_REQUEST,
				LongLivedWebSocketHandler.REACTOR_NETTY_WEBSOCKET }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type))).as(type).accepts(this.hints);
		}
	}

}
