package dev.zdt.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Finds the context's lifecycle processor, whose per-phase shutdown timeouts zdt adjusts.
 */
final class LifecycleProcessors {

	private LifecycleProcessors() {
	}

	static @Nullable DefaultLifecycleProcessor find(ApplicationContext context) {
		Object processor = context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);
		return (processor instanceof DefaultLifecycleProcessor defaultProcessor) ? defaultProcessor : null;
	}

}
