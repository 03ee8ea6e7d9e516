package dev.zdt.aws;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * The longest deregistration delay of the target groups: read once by the preparation at
 * startup, or, when a transient fault kept it from that, by the next poll. Its fields are
 * guarded by its monitor; the ELBv2 call is made outside it.
 */
final class DeregistrationDelay {

	private final TargetHealthReader reader;

	private final FaultLog faults;

	private @Nullable CompletableFuture<Void> preparation;

	private @Nullable Duration delay;

	private boolean read;

	DeregistrationDelay(TargetHealthReader reader, FaultLog faults) {
		this.reader = reader;
		this.faults = faults;
	}

	/**
	 * Starts the preparation, once.
	 * @return the preparation to complete, or {@code null} when it has started already
	 */
	synchronized @Nullable CompletableFuture<Void> beginPreparation() {
		if (this.preparation != null) {
			return null;
		}
		CompletableFuture<Void> preparation = new CompletableFuture<>();
		this.preparation = preparation;
		return preparation;
	}

	/**
	 * Returns whether the preparation has started but has not read the delay, nor learnt
	 * that it cannot.
	 * @return {@code true} when a poll should read it
	 */
	synchronized boolean missed() {
		return this.preparation != null && !this.read;
	}

	/**
	 * Reads the delay of the given target's groups. A fault is reported and leaves the
	 * delay unknown; only a transient one lets a later poll try again.
	 * @param target the target
	 */
	void read(Target target) {
		try {
			Duration delay = this.reader.deregistrationDelay(target.targetGroups());
			synchronized (this) {
				this.delay = delay;
				this.read = true;
			}
		}
		catch (Exception ex) {
			Fault fault = Fault.of(ex);
			synchronized (this) {
				this.read = fault.permanent();
			}
			this.faults.report("Reading the deregistration delay", fault);
		}
	}

	/**
	 * Returns the delay, waiting at most the given time for the preparation to read it.
	 * @param wait how long to wait at most
	 * @return the delay, or {@code null} when unknown
	 */
	@Nullable Duration await(Duration wait) {
		CompletableFuture<Void> preparation;
		synchronized (this) {
			preparation = this.preparation;
		}
		if (preparation != null) {
			try {
				preparation.get(wait.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (TimeoutException | ExecutionException ex) {
				// Unknown for now.
			}
		}
		return known();
	}

	/**
	 * Returns the delay if it has been read.
	 * @return the delay, or {@code null}
	 */
	synchronized @Nullable Duration known() {
		return this.delay;
	}

}
