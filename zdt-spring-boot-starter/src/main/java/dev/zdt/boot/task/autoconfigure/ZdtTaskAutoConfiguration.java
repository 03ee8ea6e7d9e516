package dev.zdt.boot.task.autoconfigure;

import java.util.List;

import dev.zdt.boot.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.task.ScheduledTasksParticipant;
import dev.zdt.boot.task.TaskExecutorsParticipant;
import dev.zdt.boot.work.autoconfigure.ZdtWorkAutoConfiguration;
import dev.zdt.core.time.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the built-in shutdown participants for Spring's task executors
 * ({@code @Async}) and scheduled tasks ({@code @Scheduled}).
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class, before = ZdtWorkAutoConfiguration.class)
@ConditionalOnZdtEnabled
@ConditionalOnClass(ThreadPoolTaskExecutor.class)
public final class ZdtTaskAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskExecutorsParticipant zdtTaskExecutorsParticipant(ObjectProvider<ThreadPoolTaskExecutor> executors,
			ObjectProvider<Ticker> ticker) {
		// Asked for once, when first needed (after startup): the meters and the log may
		// ask while the context closes, when no bean can be looked up any more.
		SingletonSupplier<List<ThreadPoolTaskExecutor>> all = SingletonSupplier
			.of(() -> executors.orderedStream().toList());
		return new TaskExecutorsParticipant(all, ticker.getIfAvailable(Ticker::system));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.springframework.scheduling.config.TaskExecutionOutcome")
	ScheduledTasksParticipant zdtScheduledTasksParticipant(ObjectProvider<ScheduledTaskHolder> holders,
			ObjectProvider<TaskScheduler> scheduler, ObjectProvider<ThreadPoolTaskScheduler> pools,
			ObjectProvider<Ticker> ticker, BeanFactory beanFactory) {
		SingletonSupplier<List<ScheduledTaskHolder>> all = SingletonSupplier.of(() -> holders.orderedStream().toList());
		SingletonSupplier<List<ThreadPoolTaskScheduler>> allPools = SingletonSupplier
			.of(() -> pools.orderedStream().toList());
		return new ScheduledTasksParticipant(all, () -> schedulerOf(scheduler, beanFactory), allPools,
				ticker.getIfAvailable(Ticker::system));
	}

	/**
	 * The scheduler that {@code @Scheduled} uses: the only {@link TaskScheduler} bean, or
	 * else the one named {@code taskScheduler}.
	 */
	private static @Nullable TaskScheduler schedulerOf(ObjectProvider<TaskScheduler> scheduler,
			BeanFactory beanFactory) {
		TaskScheduler unique = scheduler.getIfUnique();
		if (unique != null) {
			return unique;
		}
		String name = ScheduledAnnotationBeanPostProcessor.DEFAULT_TASK_SCHEDULER_BEAN_NAME;
		return beanFactory.containsBean(name) ? beanFactory.getBean(name, TaskScheduler.class) : null;
	}

}
