package dev.zdt.boot.work;

import java.time.Duration;

import dev.zdt.core.ShutdownPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.context.Lifecycle;

/**
 * A shutdown participant that does the work of some lifecycle beans' stop before Spring
 * stops their phase, so that the shutdown budget need not count that phase in full:
 * <ul>
 * <li>{@link ShutdownPhase.Overlap#HOLD}: it begins their graceful stop when the drain
 * starts, as zdt's Kafka and SQS participants do with the listener containers. Their
 * phase then runs beside the hold, and the budget counts the longer of the hold and the
 * phase's timeout, not their sum;</li>
 * <li>{@link ShutdownPhase.Overlap#EARLIER_PHASE}: it awaits their work in the
 * participants' wait, which runs in an earlier phase, as zdt's task executor and
 * scheduled task participants do with the executors and schedulers. Their phase then
 * finds nothing running and counts nothing, and is given only what the other phases leave
 * of the grace period.</li>
 * </ul>
 * This counts in the startup check and in the timeouts zdt gives the phases once the hold
 * has ended. A phase counts so only when every bean of it that the budget counts is
 * covered; a phase of beans covered in both ways counts as beside the hold.
 *
 * @since 0.2.0
 */
public interface CoversLifecycleStop {

	/**
	 * Returns how this participant covers the stop of the given lifecycle bean.
	 * @param bean a running lifecycle bean of the context
	 * @return {@link ShutdownPhase.Overlap#NONE} when it does not cover the bean
	 */
	ShutdownPhase.Overlap overlap(Lifecycle bean);

	/**
	 * Returns how long the stop of the given bean takes at most, for a bean this
	 * participant covers whose stop is synchronous: Spring's phase timeout does not bound
	 * such a stop, so the budget counts it only when its bound is known.
	 * @param bean a running lifecycle bean of the context that this participant covers
	 * @return how long its stop takes at most, or {@code null} when not known
	 */
	default @Nullable Duration synchronousStopBound(Lifecycle bean) {
		return null;
	}

}
