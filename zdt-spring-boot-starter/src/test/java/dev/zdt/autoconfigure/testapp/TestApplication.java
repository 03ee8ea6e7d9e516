package dev.zdt.autoconfigure.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application that uses the starter, as a user's would.
 */
@SpringBootApplication
public class TestApplication {

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/slow")
		String slow(@RequestParam long ms) throws InterruptedException {
			Thread.sleep(ms);
			return "slow";
		}

	}

}
