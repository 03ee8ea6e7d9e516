package dev.zdt.boot.reactiveapp;

import java.time.Duration;

import dev.zdt.boot.testapp.TestApplication;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small WebFlux application that uses the starter, as a user's would; started on
 * Reactor Netty by {@code RunningApp.startReactive}. Outside {@code dev.zdt.boot.testapp}
 * so that neither application scans the other's controllers.
 */
@SpringBootApplication
@Import({ ReactorNettyServer.class, TestApplication.LoadBalancerDetails.class })
public class ReactiveTestApplication {

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
