package dev.zdt.boot.metrics;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainState;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.traffic.TrafficMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the drain: its state, the requests in flight, how long holds last and why they
 * end, and how many application requests still arrived after the drain started (the measure
 * of how long the load balancer kept routing).
 *
 * @since 0.1.0
 */
public final class DrainMetrics implements MeterBinder, DrainListener {

	private final TrafficMonitor traffic;

	private volatile DrainState state = DrainState.SERVING;

	private volatile long arrivalsAtDrainStart = -1;

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Creates the meters of the given traffic; the drain reports to them as a listener.
	 * @param traffic the application's traffic
	 */
	public DrainMetrics(TrafficMonitor traffic) {
		this.traffic = traffic;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("zdt.drain.state", this, (metrics) -> metrics.state.ordinal())
			.description("Drain state: 0 serving, 1 draining, 2 drained, 3 stopping")
			.register(registry);
		Gauge.builder("zdt.requests.inflight", this.traffic, TrafficMonitor::inFlight)
			.description("Application requests in flight")
			.baseUnit("requests")
			.register(registry);
		FunctionCounter.builder("zdt.requests.after.drain", this, DrainMetrics::requestsAfterDrain)
			.description("Application requests received after the drain started")
			.baseUnit("requests")
			.register(registry);
	}

	private double requestsAfterDrain() {
		long start = this.arrivalsAtDrainStart;
		return (start < 0) ? 0 : this.traffic.arrivals() - start;
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		// The status's baseline, so that the meter and the status count the same requests.
		this.arrivalsAtDrainStart = this.traffic.arrivals() - drain.requestsAfterDrainStart();
		this.state = DrainState.DRAINING;
	}

	@Override
	public void holdEnded(DrainResult result) {
		this.state = DrainState.DRAINED;
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Timer.builder("zdt.drain.hold")
				.description("How long the drain held before shutdown, by the reason it ended")
				.tag("reason", result.outcome().reason())
				.register(registry)
				.record(result.outcome().held());
		}
	}

	@Override
	public void stopping() {
		this.state = DrainState.STOPPING;
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		this.state = DrainState.SERVING;
	}

}
