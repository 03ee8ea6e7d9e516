package dev.zdt.boot.work.autoconfigure;

import java.util.concurrent.ThreadFactory;

import dev.zdt.boot.autoconfigure.ConditionalOnZdtEnabled;
import dev.zdt.boot.autoconfigure.ZdtAutoConfiguration;
import dev.zdt.boot.lifecycle.CommonsLoggingSystemLogger;
import dev.zdt.boot.work.ParticipantsLifecycle;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.work.ShutdownParticipant;
import dev.zdt.core.work.ShutdownParticipants;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the shutdown participants: every {@link ShutdownParticipant} bean
 * hears the drain (the participants' driver is one of its listeners) and is waited for
 * after the hold, beside the web server's graceful shutdown.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = ZdtAutoConfiguration.class,
		beforeName = { "dev.zdt.boot.metrics.autoconfigure.ZdtMetricsAutoConfiguration",
				"dev.zdt.boot.actuate.autoconfigure.ZdtEndpointAutoConfiguration" })
@ConditionalOnZdtEnabled
public final class ZdtWorkAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShutdownParticipants zdtShutdownParticipants(ObjectProvider<ShutdownParticipant> participants,
			ObjectProvider<Ticker> ticker) {
		return new ShutdownParticipants(participants.orderedStream().toList(), participantThreads(),
				ticker.getIfAvailable(Ticker::system),
				CommonsLoggingSystemLogger.named(ShutdownParticipants.class.getName()));
	}

	@Bean
	ParticipantsLifecycle zdtParticipantsLifecycle(ShutdownParticipants participants, ApplicationContext context,
			ObjectProvider<LifecycleProperties> lifecycle) {
		LifecycleProperties properties = lifecycle.getIfAvailable(LifecycleProperties::new);
		return new ParticipantsLifecycle(participants, context, properties.getTimeoutPerShutdownPhase());
	}

	private static ThreadFactory participantThreads() {
		return (task) -> {
			Thread thread = new Thread(task, "zdt-participant");
			thread.setDaemon(true);
			return thread;
		};
	}

}
