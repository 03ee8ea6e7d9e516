package dev.zdt.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ZdtEndpointTests {

	@Test
	void statusShowsWhyAFailingStrategyMadeTheHoldRunToItsMaximum() {
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FailingStrategy())
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
			.ticker(new ManualTicker())
			.build();
		ZdtEndpoint endpoint = new ZdtEndpoint(coordinator, Map::of);
		assertThat(endpoint.status().holdFailure()).isNull();
		WebEndpointResponse<ZdtDescriptor> drained = endpoint.drainOnPost("drain");
		assertThat(drained.getStatus()).isEqualTo(200);
		assertThat(drained.getBody().holdEndReason()).isEqualTo("max-hold");
		assertThat(drained.getBody().holdFailure()).isEqualTo("java.lang.IllegalStateException: no credentials");
		assertThat(endpoint.status().holdFailure()).isEqualTo("java.lang.IllegalStateException: no credentials");
	}

	static final class FailingStrategy implements HoldStrategy {

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
