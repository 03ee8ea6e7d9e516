package dev.zdt.boot.lifecycle;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * The shutdown timeouts a {@link DefaultLifecycleProcessor} holds now: one per phase
 * where one was set ({@link DefaultLifecycleProcessor#setTimeoutForShutdownPhase}, as zdt
 * does for the hold's phase and when it fits the phases into the grace period), else the
 * timeout per shutdown phase. Spring (6.2, 7.0) has no getter for them; they are read
 * from the processor's fields, and where that fails (another processor, a later Spring, a
 * native image) there are none.
 *
 * @since 0.2.0
 */
public final class ShutdownPhaseTimeouts {

	private static final @Nullable Field PER_PHASE = field("timeoutsForShutdownPhases");

	private static final @Nullable Field OTHERWISE = field("timeoutPerShutdownPhase");

	private final Map<Integer, Long> perPhase;

	private final long otherwise;

	private ShutdownPhaseTimeouts(Map<Integer, Long> perPhase, long otherwise) {
		this.perPhase = perPhase;
		this.otherwise = otherwise;
	}

	/**
	 * Reads the timeouts of the given context's lifecycle processor.
	 * @param context the context
	 * @return the timeouts, or {@code null} when they cannot be read
	 */
	public static @Nullable ShutdownPhaseTimeouts of(ApplicationContext context) {
		try {
			Object processor = context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);
			return of((processor instanceof DefaultLifecycleProcessor defaultProcessor) ? defaultProcessor : null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Reads the timeouts of the given lifecycle processor.
	 * @param processor the processor, or {@code null} when there is none to read
	 * @return the timeouts, or {@code null} when they cannot be read
	 */
	public static @Nullable ShutdownPhaseTimeouts of(@Nullable DefaultLifecycleProcessor processor) {
		if (processor == null || PER_PHASE == null || OTHERWISE == null) {
			return null;
		}
		try {
			@SuppressWarnings("unchecked")
			Map<Integer, Long> perPhase = (Map<Integer, Long>) PER_PHASE.get(processor);
			return new ShutdownPhaseTimeouts(Map.copyOf(perPhase), OTHERWISE.getLong(processor));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Returns how long the processor waits for the given phase to stop.
	 * @param phase the phase
	 * @return its timeout
	 */
	public Duration forPhase(int phase) {
		Long millis = this.perPhase.get(phase);
		return Duration.ofMillis((millis != null) ? millis : this.otherwise);
	}

	private static @Nullable Field field(String name) {
		try {
			Field field = ReflectionUtils.findField(DefaultLifecycleProcessor.class, name);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
			}
			return field;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
