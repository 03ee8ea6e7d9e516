package dev.zdt.boot.metrics;

import java.time.Duration;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainMetricsTests {

	private final ManualTicker ticker = new ManualTicker();

	private final TrafficMonitor traffic = new TrafficMonitor(this.ticker);

	private final DrainMetrics metrics = new DrainMetrics(() -> this.coordinator);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final DrainCoordinator coordinator = DrainCoordinator.builder()
		.strategy(new FixedDelayStrategy(Duration.ofSeconds(12)))
		.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(100)))
		.traffic(this.traffic)
		.ticker(this.ticker)
		.listener(this.metrics)
		.build();

	@Test
	void metersFollowTheDrainFromServingToStopping() throws Exception {
		this.metrics.bindTo(this.registry);
		this.traffic.requestStarted();
		assertThat(gauge("zdt.drain.state")).isZero();
		assertThat(gauge("zdt.requests.inflight")).isEqualTo(1);
		this.ticker.onSleep((now) -> {
			if (this.traffic.arrivals() < 4) {
				this.traffic.requestStarted();
				this.traffic.requestFinished();
			}
		});
		this.coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(gauge("zdt.drain.state")).isEqualTo(2);
		assertThat(this.registry.get("zdt.requests.after.drain").functionCounter().count()).isEqualTo(3);
		Timer hold = this.registry.get("zdt.drain.hold").tag("reason", "delay").timer();
		assertThat(hold.count()).isOne();
		assertThat(hold.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(12);
		this.coordinator.stopping();
		assertThat(gauge("zdt.drain.state")).isEqualTo(3);
	}

	@Test
	void stateGaugeIsServingAgainAfterACancel() throws Exception {
		this.metrics.bindTo(this.registry);
		this.coordinator.drain(DrainTrigger.ENDPOINT);
		assertThat(gauge("zdt.drain.state")).isEqualTo(2);
		assertThat(this.coordinator.cancel()).isTrue();
		assertThat(gauge("zdt.drain.state")).isZero();
	}

	@Test
	void theMeterAndTheStatusCountTheSameRequestsAfterTheDrainStartedEvenOnceTheHoldHasEnded() throws Exception {
		this.metrics.bindTo(this.registry);
		this.traffic.requestStarted();
		this.ticker.onSleep((now) -> {
			if (this.traffic.arrivals() < 4) {
				this.traffic.requestStarted();
			}
		});
		this.coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(requestsAfterDrain()).isEqualTo(3).isEqualTo(this.coordinator.status().requestsAfterDrainStart());
		this.traffic.requestStarted();
		this.traffic.requestStarted();
		assertThat(requestsAfterDrain()).isEqualTo(5).isEqualTo(this.coordinator.status().requestsAfterDrainStart());
	}

	@Test
	void requestsAfterDrainIsZeroWhileServing() {
		this.metrics.bindTo(this.registry);
		this.traffic.requestStarted();
		assertThat(this.registry.get("zdt.requests.after.drain").functionCounter().count()).isZero();
	}

	private long requestsAfterDrain() {
		return (long) this.registry.get("zdt.requests.after.drain").functionCounter().count();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
