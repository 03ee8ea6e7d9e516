package dev.zdt.boot.reactiveapp;

import java.time.Duration;

import dev.zdt.boot.testapp.TestApplication;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A small WebFlux application that uses the starter, as a user's would; started on
 * Reactor Netty by {@code RunningApp.startReactive}. Outside {@code dev.zdt.boot.testapp}
 * so that neither application scans the other's controllers.
 */
@SpringBootApplication
@Import({ ReactorNettyServer.class, TestApplication.LoadBalancerDetails.class, TestApplication.StuckHoldEnd.class })
public class ReactiveTestApplication {

	/**
	 * The response header that repeats the {@code Connection} header the server meant to
	 * send.
	 */
	public static final String CONNECTION_AS_SET = "X-Test-Connection";

	/**
	 * Repeats the {@code Connection} header of a response, as the filters left it when
	 * the response commits, in {@value #CONNECTION_AS_SET}: Netty drops a
	 * {@code Connection} header from HTTP/2 responses itself, so a client cannot see
	 * whether zdt set one.
	 * @return the filter
	 */
	@Bean
	WebFilter connectionHeaderAsSet() {
		return new ConnectionHeaderAsSet();
	}

	static final class ConnectionHeaderAsSet implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			exchange.getResponse().beforeCommit(() -> {
				String connection = headers.getFirst(HttpHeaders.CONNECTION);
				if (connection != null) {
					headers.set(CONNECTION_AS_SET, connection);
				}
				return Mono.empty();
			});
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

		@GetMapping("/slow")
		Mono<String> slow(@RequestParam long ms) {
			return Mono.delay(Duration.ofMillis(ms)).thenReturn("slow");
		}

	}

}
