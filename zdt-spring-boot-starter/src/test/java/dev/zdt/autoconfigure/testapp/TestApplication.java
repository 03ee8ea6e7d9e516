package dev.zdt.autoconfigure.testapp;

import java.util.concurrent.ExecutionException;

import dev.zdt.core.DrainCoordinator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application that uses the starter, as a user's would.
 */
@SpringBootApplication
public class TestApplication {

	/**
	 * Stands for a user's lifecycle-managed client (HTTP or messaging) that requests need: in the
	 * default phase, like most {@link SmartLifecycle} beans.
	 */
	@Component
	static class ClientPool implements SmartLifecycle {

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

	@RestController
	static class HelloController {

		private final AsyncTaskExecutor executor;

		private final DrainCoordinator coordinator;

		private final ClientPool clientPool;

		HelloController(AsyncTaskExecutor executor, DrainCoordinator coordinator, ClientPool clientPool) {
			this.executor = executor;
			this.coordinator = coordinator;
			this.clientPool = clientPool;
		}

		@GetMapping("/client")
		ResponseEntity<String> client() {
			return this.clientPool.isRunning() ? ResponseEntity.ok("client")
					: ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("client pool stopped");
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		/** The drain state seen by a task on the application's task executor. */
		@GetMapping("/async")
		String async() throws InterruptedException, ExecutionException {
			return this.executor.submitCompletable(() -> this.coordinator.state().name()).get();
		}

		@GetMapping("/slow")
		String slow(@RequestParam long ms) throws InterruptedException {
			Thread.sleep(ms);
			return "slow";
		}

	}

}
