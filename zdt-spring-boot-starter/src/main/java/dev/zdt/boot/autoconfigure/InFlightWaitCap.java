package dev.zdt.boot.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Once the hold has ended, shortens the web server's graceful shutdown to what is left of
 * the load balancer's deregistration delay, counted from when the load balancer was seen
 * draining this instance: when it expires the load balancer cuts the connections anyway,
 * so waiting longer for requests in flight only delays the exit. A cancelled drain takes
 * its cap back, and so does a later hold that computes none: a cap belongs to the drain
 * whose load balancer was seen draining. Where the grace period leaves that phase less
 * time still ({@link PhaseDeadline}), the phase gets that.
 */
final class InFlightWaitCap implements DrainListener {

	private final Supplier<@Nullable DefaultLifecycleProcessor> processor;

	private final int gracefulShutdownPhase;

	private final ShutdownBudget budget;

	private final Supplier<@Nullable LoadBalancerHoldStrategySupplier> loadBalancer;

	private final Supplier<@Nullable PhaseDeadline> deadline;

	private volatile boolean capped;

	InFlightWaitCap(Supplier<@Nullable DefaultLifecycleProcessor> processor, int gracefulShutdownPhase,
			ShutdownBudget budget, Supplier<@Nullable LoadBalancerHoldStrategySupplier> loadBalancer) {
		this(processor, gracefulShutdownPhase, budget, loadBalancer, () -> null);
	}

	InFlightWaitCap(Supplier<@Nullable DefaultLifecycleProcessor> processor, int gracefulShutdownPhase,
			ShutdownBudget budget, Supplier<@Nullable LoadBalancerHoldStrategySupplier> loadBalancer,
			Supplier<@Nullable PhaseDeadline> deadline) {
		this.processor = processor;
		this.gracefulShutdownPhase = gracefulShutdownPhase;
		this.budget = budget;
		this.loadBalancer = loadBalancer;
		this.deadline = deadline;
	}

	@Override
	public void holdEnded(DrainResult result) {
		Duration held = result.outcome().held();
		Duration cap = cap(held);
		PhaseDeadline deadline = this.deadline.get();
		Duration deadlineCap = (deadline != null) ? deadline.cap(this.gracefulShutdownPhase, held) : null;
		if (deadlineCap != null && (cap == null || deadlineCap.compareTo(cap) < 0)) {
			cap = deadlineCap;
		}
		apply(cap);
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		apply(null);
	}

	private synchronized void apply(@Nullable Duration cap) {
		DefaultLifecycleProcessor lifecycleProcessor = this.processor.get();
		if (lifecycleProcessor == null || (cap == null && !this.capped)) {
			return;
		}
		// The processor has no getter, and no way to remove a phase's own timeout: the
		// shutdown timeout for that phase is what it had before.
		Duration timeout = (cap != null) ? cap : this.budget.phaseTimeout();
		lifecycleProcessor.setTimeoutForShutdownPhase(this.gracefulShutdownPhase, timeout.toMillis());
		this.capped = cap != null;
	}

	/**
	 * Returns the in-flight wait after a hold of the given length, if the deregistration
	 * delay makes it shorter than the shutdown timeout
	 * ({@link ShutdownBudget#inFlightWait}).
	 * @param held how long the hold lasted
	 * @return the capped wait, or {@code null} to keep the shutdown timeout
	 */
	@Nullable Duration cap(Duration held) {
		LoadBalancerHoldStrategySupplier loadBalancer = this.loadBalancer.get();
		if (loadBalancer == null) {
			return null;
		}
		ShutdownBudget budget = this.budget;
		Duration wait = budget.inFlightWait(held, loadBalancer.drainingSeenAt(), loadBalancer.deregistrationDelay());
		return (wait.compareTo(budget.phaseTimeout()) < 0) ? wait : null;
	}

}
