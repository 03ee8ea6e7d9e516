package dev.zdt.boot.testapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

	/** The target group ARN that {@code test.load-balancer-details=true} shows. */
	public static final String TARGET_GROUP_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/app/0123";

	/**
	 * Stands for a user's lifecycle-managed client (HTTP or messaging) that requests
	 * need: in the default phase, like most {@link SmartLifecycle} beans.
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

	/**
	 * Stands for zdt-aws: details of the load balancer that the status must not show to
	 * everyone. Shared with the reactive test application.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class LoadBalancerDetails {

		@Bean
		@ConditionalOnBooleanProperty("test.load-balancer-details")
		LoadBalancerHoldStrategySupplier testLoadBalancer() {
			return new LoadBalancerHoldStrategySupplier() {

				@Override
				public HoldStrategy strategy() {
					return new FixedDelayStrategy(Duration.ZERO);
				}

				@Override
				public Map<String, Object> details() {
					return Map.of("targetGroups", List.of(TARGET_GROUP_ARN), "targetIp", "10.1.2.3");
				}

			};
		}

	}

	/**
	 * A listener that does not return from {@code holdEnded} until the context closes:
	 * the drain waits for it only a bounded time before it answers its callers. Shared
	 * with the reactive test application.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class StuckHoldEnd {

		@Bean
		@ConditionalOnBooleanProperty("test.stuck-hold-end")
		StuckHoldEndListener testStuckHoldEndListener() {
			return new StuckHoldEndListener();
		}

		static final class StuckHoldEndListener implements DrainListener, DisposableBean {

			private final CountDownLatch closed = new CountDownLatch(1);

			@Override
			public void holdEnded(DrainResult result) {
				try {
					this.closed.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public void destroy() {
				this.closed.countDown();
			}

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
