package dev.zdt.boot.work;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.zdt.boot.testapp.TestApplication;
import dev.zdt.core.work.ShutdownParticipant;
import dev.zdt.core.work.ShutdownParticipants;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real server with a short grace period: once the hold has ended, zdt cuts the web
 * server's phase, in which the participants are waited for, to what is left of the grace
 * period; the wait is cut with it, so that what a participant leaves unfinished is
 * counted and logged before Spring gives up on the phase and the shutdown goes on.
 */
class ParticipantsWaitWithinPhaseWebTests {

	@Test
	void theWaitForTheParticipantsEndsWithinThePhaseTheGracePeriodLeaves() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				StuckParticipantConfiguration.class)
			// 6 s - 2 s to exit leaves the web server's phase 4 s of its 30 s after a
			// hold of about nothing.
			.properties("server.port=0", "spring.main.banner-mode=off", "zdt.termination-grace-period=6s",
					"zdt.drain.strategy=fixed", "zdt.drain.delay=0s", "zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s")
			.run();
		ShutdownParticipants participants = context.getBean(ShutdownParticipants.class);
		StuckParticipant stuck = context.getBean(StuckParticipant.class);
		try {
			context.close();
			assertThat(stuck.waitedFor()).as("how long the stuck participant was waited for")
				.isNotNull()
				.isLessThanOrEqualTo(Duration.ofSeconds(4));
			assertThat(participants.unfinished()).as("work counted unfinished when the context had closed")
				.containsEntry("stuck", 1L);
		}
		finally {
			stuck.release();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class StuckParticipantConfiguration {

		@Bean
		StuckParticipant stuckParticipant() {
			return new StuckParticipant();
		}

	}

	/**
	 * A participant whose one unit of work does not finish in time.
	 */
	static class StuckParticipant implements ShutdownParticipant {

		private final CountDownLatch finished = new CountDownLatch(1);

		private volatile @Nullable Duration waitedFor;

		@Override
		public String name() {
			return "stuck";
		}

		@Override
		public long inProgress() {
			return this.finished.getCount();
		}

		@Override
		public long awaitFinished(Duration timeout) throws InterruptedException {
			this.waitedFor = timeout;
			this.finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return this.finished.getCount();
		}

		@Nullable Duration waitedFor() {
			return this.waitedFor;
		}

		void release() {
			this.finished.countDown();
		}

	}

}
