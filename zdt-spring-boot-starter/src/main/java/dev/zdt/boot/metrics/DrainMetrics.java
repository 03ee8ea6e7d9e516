package dev.zdt.boot.metrics;

import java.util.Objects;
import java.util.function.Supplier;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the drain: its state, the requests in flight, how long holds last and why
 * they end, and how many application requests still arrived after the drain started (the
 * measure of how long the load balancer kept routing). The state and the counts are read
 * from the coordinator when the meters are read, so they show what its status shows; only
 * the end of a hold, an event, is recorded as it happens, by listening to the drain.
 *
 * @since 0.1.0
 */
public final class DrainMetrics implements MeterBinder, DrainListener {

	private final Supplier<DrainCoordinator> coordinator;

	private volatile @Nullable DrainCoordinator resolved;

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Creates the meters of the given coordinator, which is asked for only when a meter
	 * is read: as one of its listeners, these meters exist before it does.
	 * @param coordinator supplies the coordinator of the drain
	 */
	public DrainMetrics(Supplier<DrainCoordinator> coordinator) {
		this.coordinator = coordinator;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("zdt.drain.state", this, (metrics) -> metrics.coordinator().state().ordinal())
			.description("Drain state: 0 serving, 1 draining, 2 drained, 3 stopping")
			.register(registry);
		Gauge.builder("zdt.requests.inflight", this, (metrics) -> metrics.coordinator().traffic().inFlight())
			.description("Application requests in flight")
			.baseUnit("requests")
			.register(registry);
		FunctionCounter
			.builder("zdt.requests.after.drain", this,
					(metrics) -> metrics.coordinator().status().requestsAfterDrainStart())
			.description("Application requests received after the drain started")
			.baseUnit("requests")
			.register(registry);
	}

	private DrainCoordinator coordinator() {
		DrainCoordinator coordinator = this.resolved;
		if (coordinator == null) {
			// Kept once found, so that the meters still read it while the context closes.
			coordinator = Objects.requireNonNull(this.coordinator.get(), "coordinator");
			this.resolved = coordinator;
		}
		return coordinator;
	}

	@Override
	public void holdEnded(DrainResult result) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Timer.builder("zdt.drain.hold")
				.description("How long the drain held before shutdown, by the reason it ended")
				.tag("reason", result.outcome().reason())
				.register(registry)
				.record(result.outcome().held());
		}
	}

}
