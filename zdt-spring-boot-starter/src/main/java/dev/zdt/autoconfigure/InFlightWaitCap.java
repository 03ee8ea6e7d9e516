package dev.zdt.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Once the hold has ended, shortens the web server's graceful shutdown to what is left of the
 * load balancer's deregistration delay: when it expires the load balancer cuts the connections
 * anyway, so waiting longer for requests in flight only delays the exit.
 */
final class InFlightWaitCap implements DrainListener {

	private final Supplier<@Nullable DefaultLifecycleProcessor> processor;

	private final int gracefulShutdownPhase;

	private final Duration shutdownTimeout;

	private final Supplier<@Nullable Duration> deregistrationDelay;

	InFlightWaitCap(Supplier<@Nullable DefaultLifecycleProcessor> processor, int gracefulShutdownPhase,
			Duration shutdownTimeout, Supplier<@Nullable Duration> deregistrationDelay) {
		this.processor = processor;
		this.gracefulShutdownPhase = gracefulShutdownPhase;
		this.shutdownTimeout = shutdownTimeout;
		this.deregistrationDelay = deregistrationDelay;
	}

	@Override
	public void holdEnded(DrainResult result) {
		Duration cap = cap(result.outcome().held());
		DefaultLifecycleProcessor lifecycleProcessor = this.processor.get();
		if (cap != null && lifecycleProcessor != null) {
			lifecycleProcessor.setTimeoutForShutdownPhase(this.gracefulShutdownPhase, cap.toMillis());
		}
	}

	/**
	 * Returns the in-flight wait after a hold of the given length, if the deregistration delay
	 * makes it shorter than the shutdown timeout.
	 * @param held how long the hold lasted
	 * @return the capped wait, or {@code null} to keep the shutdown timeout
	 */
	@Nullable Duration cap(Duration held) {
		Duration delay = this.deregistrationDelay.get();
		if (delay == null) {
			return null;
		}
		Duration left = delay.minus(held);
		if (left.isNegative()) {
			left = Duration.ZERO;
		}
		return (left.compareTo(this.shutdownTimeout) < 0) ? left : null;
	}

}
