package dev.zdt.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux app on Reactor Netty with an endpoint of controllable latency and a live
 * high-score feed (server-sent events, WebSocket), drained by zdt before it stops.
 *
 * @author zdt authors
 */
@SpringBootApplication
public class ReactiveSampleApplication {

	/**
	 * Starts the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ReactiveSampleApplication.class, args);
	}

}
