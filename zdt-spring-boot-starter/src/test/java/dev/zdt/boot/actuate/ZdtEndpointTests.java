package dev.zdt.boot.actuate;

import java.time.Duration;
import java.util.Map;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.Show;

import static org.assertj.core.api.Assertions.assertThat;

class ZdtEndpointTests {

	@Test
	void statusShowsWhyAFailingStrategyMadeTheHoldRunToItsMaximum() throws Exception {
		DrainCoordinator coordinator = coordinatorWithFailingStrategy();
		ZdtEndpoint endpoint = new ZdtEndpoint(coordinator, new LongLivedConnections(), Map::of, null, Show.ALWAYS);
		assertThat(endpoint.status().holdFailure()).isNull();
		assertThat(coordinator.drain(DrainTrigger.API).outcome().reason()).isEqualTo("max-hold");
		assertThat(endpoint.status().holdEndReason()).isEqualTo("max-hold");
		assertThat(endpoint.status().holdFailure()).isEqualTo("java.lang.IllegalStateException: no credentials");
	}

	@Test
	void failureTextWhichCanCarryAwsErrorsIsHiddenFromCallersWithoutDetails() throws Exception {
		DrainCoordinator coordinator = coordinatorWithFailingStrategy();
		ZdtEndpoint endpoint = new ZdtEndpoint(coordinator, new LongLivedConnections(), Map::of, null, Show.NEVER);
		coordinator.drain(DrainTrigger.API);
		assertThat(endpoint.status().holdFailure()).isEqualTo(ZdtDescriptor.HIDDEN_FAILURE)
			.doesNotContain("no credentials");
	}

	private static DrainCoordinator coordinatorWithFailingStrategy() {
		return DrainCoordinator.builder()
			.strategy(new FailingStrategy())
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.build();
	}

	static final class FailingStrategy implements HoldStrategy, HoldEvaluator {

		@Override
		public HoldEvaluator start(HoldContext context) {
			return this;
		}

		@Override
		public HoldDecision evaluate(HoldContext context) {
			throw new IllegalStateException("no credentials");
		}

		@Override
		public String name() {
			return "failing";
		}

	}

}
