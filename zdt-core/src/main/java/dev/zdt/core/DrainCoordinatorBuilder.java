package dev.zdt.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficMonitor;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DrainCoordinator}: {@link DrainCoordinator#builder()}.
 *
 * @since 0.1.0
 */
public final class DrainCoordinatorBuilder {

	@Nullable HoldStrategy strategy;

	@Nullable HoldBounds bounds;

	@Nullable TrafficMonitor traffic;

	Ticker ticker = Ticker.system();

	Clock clock = Clock.systemUTC();

	final List<DrainListener> listeners = new ArrayList<>();

	Duration cancelAfter = Duration.ZERO;

	BooleanSupplier everReady = () -> true;

	@Nullable ThreadFactory threads;

	System.Logger logger = System.getLogger(DrainCoordinator.class.getName());

	DrainCoordinatorBuilder() {
	}

	/**
	 * Sets the hold strategy (required).
	 * @param strategy the strategy
	 * @return this builder
	 */
	public DrainCoordinatorBuilder strategy(HoldStrategy strategy) {
		this.strategy = strategy;
		return this;
	}

	/**
	 * Sets the hold bounds (required).
	 * @param bounds the bounds
	 * @return this builder
	 */
	public DrainCoordinatorBuilder bounds(HoldBounds bounds) {
		this.bounds = bounds;
		return this;
	}

	/**
	 * Sets the traffic monitor the hold reads; by default a new one on the same ticker.
	 * @param traffic the monitor
	 * @return this builder
	 */
	public DrainCoordinatorBuilder traffic(TrafficMonitor traffic) {
		this.traffic = traffic;
		return this;
	}

	/**
	 * Sets the monotonic time source; by default the system's.
	 * @param ticker the ticker
	 * @return this builder
	 */
	public DrainCoordinatorBuilder ticker(Ticker ticker) {
		this.ticker = ticker;
		return this;
	}

	/**
	 * Sets the wall clock for the drain start time; by default UTC system time.
	 * @param clock the clock
	 * @return this builder
	 */
	public DrainCoordinatorBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Adds a listener.
	 * @param listener the listener
	 * @return this builder
	 */
	public DrainCoordinatorBuilder listener(DrainListener listener) {
		this.listeners.add(listener);
		return this;
	}

	/**
	 * Sets the factory of the threads the drain runs on: the hold, the listeners' calls,
	 * the watchdog, the status endpoint's questions to the strategy. A factory that makes
	 * no thread has the work run on the caller's thread.
	 * @param holdThreads the factory
	 * @return this builder
	 */
	public DrainCoordinatorBuilder holdThreads(ThreadFactory holdThreads) {
		this.threads = holdThreads;
		return this;
	}

	/**
	 * Sets what tells whether this instance has ever reported itself ready to receive
	 * traffic (for Spring Boot: readiness {@code ACCEPTING_TRAFFIC}). A drain that starts
	 * before it has does not hold: no load balancer routes to an instance that never
	 * passed its readiness check. By default the instance counts as ready, and every
	 * drain holds.
	 * @param everReady whether the instance has been ready; asked once per drain, as it
	 * starts
	 * @return this builder
	 */
	public DrainCoordinatorBuilder everReady(BooleanSupplier everReady) {
		this.everReady = Objects.requireNonNull(everReady, "everReady");
		return this;
	}

	/**
	 * Sets where a drain reports what went wrong in it (a hold strategy that failed); by
	 * default the {@link System.Logger} named after this class. Without a
	 * {@link System.LoggerFinder} of its own that logger writes to
	 * {@code java.util.logging}, whose handlers the JVM removes as it begins to shut
	 * down: a drain that shutdown starts may need a logger that lasts longer.
	 * @param logger the logger
	 * @return this builder
	 */
	public DrainCoordinatorBuilder logger(System.Logger logger) {
		this.logger = Objects.requireNonNull(logger, "logger");
		return this;
	}

	/**
	 * Sets how long after the end of the hold a drain that no shutdown has followed is
	 * {@linkplain DrainCoordinator#cancel() cancelled}; zero (the default) never cancels.
	 * @param cancelAfter the time, zero or positive
	 * @return this builder
	 */
	public DrainCoordinatorBuilder cancelAfter(Duration cancelAfter) {
		if (cancelAfter.isNegative()) {
			throw new IllegalArgumentException("cancelAfter must not be negative: " + cancelAfter);
		}
		this.cancelAfter = cancelAfter;
		return this;
	}

	/**
	 * Returns the factory of the threads of the given kind: the one set, or daemon
	 * threads with that name, so that a thread dump tells what a thread does.
	 */
	ThreadFactory threads(String name) {
		ThreadFactory threads = this.threads;
		return (threads != null) ? threads : (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Builds the coordinator.
	 * @return the coordinator
	 */
	public DrainCoordinator build() {
		return new DrainCoordinator(this);
	}

}
