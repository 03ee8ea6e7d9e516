package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drain says when it starts how long it holds, and, where nothing shows that a load
 * balancer may route here (no Kubernetes, ECS or other cloud platform, such as a laptop),
 * how to skip the hold: the README's run command stopped with Ctrl+C waited the whole
 * max-hold without a word.
 */
@ExtendWith(OutputCaptureExtension.class)
class HoldAnnouncementTests {

	private static final String HOW_LONG = "zdt: the hold lasts 1.000s to 2.000s (zdt.drain.min-hold, "
			+ "zdt.drain.max-hold): this instance keeps serving until the load balancer has stopped routing here";

	private static final String HOW_TO_SKIP = "zdt.drain.max-hold=0s skips the hold";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class))
		.withPropertyValues("zdt.drain.min-hold=1s", "zdt.drain.max-hold=2s");

	@Test
	void offAnyPlatformTheDrainSaysHowLongItHoldsAndHowToSkipTheHold(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=none").run((context) -> {
			context.getBean(DrainCoordinator.class).startDrain(DrainTrigger.SHUTDOWN);
			assertThat(output).contains(HOW_LONG)
				.contains("No Kubernetes, ECS or other cloud platform detected: if no load balancer or proxy routes "
						+ "to this process (run on a laptop, say), " + HOW_TO_SKIP);
		});
	}

	@Test
	void onKubernetesTheDrainSaysHowLongItHoldsOnly(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=kubernetes").run((context) -> {
			context.getBean(DrainCoordinator.class).startDrain(DrainTrigger.ENDPOINT);
			assertThat(output).contains(HOW_LONG).doesNotContain(HOW_TO_SKIP);
		});
	}

	@Test
	void onEcsTheDrainSaysHowLongItHoldsOnly(CapturedOutput output) {
		this.contextRunner.withPropertyValues("ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2/v4/0a1b2c")
			.run((context) -> {
				context.getBean(DrainCoordinator.class).startDrain(DrainTrigger.SHUTDOWN);
				assertThat(output).contains(HOW_LONG).doesNotContain(HOW_TO_SKIP);
			});
	}

	@Test
	void maxHoldZeroAloneSkipsTheHold(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.main.cloud-platform=none", "zdt.drain.min-hold=", "zdt.drain.max-hold=0s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
				assertThat(coordinator.bounds().minHold()).isZero();
				assertThat(coordinator.bounds().maxHold()).isZero();
				assertThat(coordinator.drain(DrainTrigger.SHUTDOWN).outcome().held()).isLessThan(Duration.ofSeconds(1));
				assertThat(output).contains("zdt: drain started").doesNotContain("the hold lasts");
			});
	}

	@Test
	void maxHoldZeroAloneSkipsTheHoldOfTheFixedStrategyToo() {
		this.contextRunner
			.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.min-hold=", "zdt.drain.max-hold=0s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZdtProperties.class).getDrain().getDelay()).isZero();
				assertThat(context.getBean(DrainCoordinator.class).bounds().maxHold()).isZero();
			});
	}

	@Test
	void fixedDelaySetLongerThanMaxHoldStillFailsStartup() {
		this.contextRunner.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.delay=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zdt.drain.delay")
				.hasMessageContaining("must not be longer than zdt.drain.max-hold"));
	}

	@Test
	void maxHoldBelowTheDefaultMinHoldPullsItDown() {
		this.contextRunner.withPropertyValues("zdt.drain.min-hold=", "zdt.drain.max-hold=3s")
			.run((context) -> assertThat(context.getBean(DrainCoordinator.class).bounds().minHold())
				.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void minHoldSetLongerThanMaxHoldStillFailsStartup() {
		this.contextRunner.withPropertyValues("zdt.drain.min-hold=5s", "zdt.drain.max-hold=3s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zdt.drain.min-hold")
				.hasMessageContaining("must not be longer than zdt.drain.max-hold"));
	}

}
