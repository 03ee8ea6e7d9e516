package dev.zdt.integration;

import java.time.Duration;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A test-only application for the process tests whose subject is the application's own
 * code misbehaving: a hold strategy or a drain listener that never returns, a startup
 * that is not over when SIGTERM comes. It runs on Tomcat with zdt's starter from this
 * module's test class path ({@link SampleApp#startUserCodeApp}), so that the shipped
 * sample apps carry no such switches. {@code --user-code=...} picks the misbehaviour.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class UserCodeApplication {

	static final String STRATEGY_START_NEVER_RETURNS = "strategy-start-never-returns";

	static final String DRAIN_STARTED_NEVER_RETURNS = "drain-started-never-returns";

	static final String READY_AFTER_DRAIN_STARTED = "ready-after-drain-started";

	/** What the startup runner logs while it keeps the application from getting ready. */
	static final String NOT_READY_YET = "user code: not ready until a drain has started";

	public static void main(String[] args) {
		SpringApplication.run(UserCodeApplication.class, args);
	}

	@Bean
	@ConditionalOnProperty(name = "user-code", havingValue = STRATEGY_START_NEVER_RETURNS)
	HoldStrategy stuckHoldStrategy() {
		return new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				return neverReturn();
			}

			@Override
			public String name() {
				return "stuck-at-start";
			}

		};
	}

	@Bean
	@ConditionalOnProperty(name = "user-code", havingValue = DRAIN_STARTED_NEVER_RETURNS)
	DrainListener stuckDrainListener() {
		return new StuckDrainListener();
	}

	@Bean
	@ConditionalOnProperty(name = "user-code", havingValue = READY_AFTER_DRAIN_STARTED)
	ApplicationRunner readyOnlyAfterADrainStarted(DrainCoordinator coordinator) {
		return (arguments) -> {
			System.out.println(NOT_READY_YET);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!coordinator.isDraining() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
		};
	}

	/**
	 * Blocks for good, deaf to interrupts, as careless code can.
	 */
	static <T> T neverReturn() {
		while (true) {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// Ignored on purpose: this is the code zdt must not wait for.
			}
		}
	}

	/**
	 * Told first of every drain, and never returns from it.
	 */
	static final class StuckDrainListener implements DrainListener, Ordered {

		@Override
		public void drainStarted(DrainStatus drain) {
			neverReturn();
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
