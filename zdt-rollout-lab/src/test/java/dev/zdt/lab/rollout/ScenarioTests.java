package dev.zdt.lab.rollout;

import java.time.Duration;

import dev.zdt.lab.pod.PreStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Scenario}.
 *
 * @author zdt
 */
class ScenarioTests {

	@Test
	void springBootDefaultsSwitchTheStarterOffAndHaveNoPreStop() {
		assertThat(Scenario.of("boot-defaults").appArguments()).containsExactly("--zdt.enabled=false");
		assertThat(Scenario.BOOT_DEFAULTS.preStop().present()).isFalse();
		assertThat(Scenario.BOOT_DEFAULTS.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void preStopSleepWaitsWithoutTheStarterAndGetsAGraceThatCoversTheSleep() {
		Scenario sleep = Scenario.of("prestop-sleep-40");
		assertThat(sleep.appArguments()).containsExactly("--zdt.enabled=false");
		assertThat(sleep.preStop()).isEqualTo(PreStop.sleep(Duration.ofSeconds(40)));
		assertThat(sleep.gracePeriod()).isEqualTo(Duration.ofSeconds(70));
	}

	@Test
	void zdtScenariosCallTheDrainEndpointAndTellTheStarterTheGracePeriod() {
		assertThat(Scenario.of("zdt-adaptive").preStop().describe()).isEqualTo("httpGet /actuator/zdt/drain");
		assertThat(Scenario.ZDT_ADAPTIVE.appArguments()).containsExactly("--zdt.termination-grace-period=75s");
		assertThat(Scenario.ZDT_FIXED.appArguments()).contains("--zdt.drain.strategy=fixed");
		assertThat(Scenario.ZDT_SIGTERM_ONLY.preStop().present()).isFalse();
	}

	@Test
	void unknownScenarioNamesTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Scenario.of("nope")).withMessageContaining("zdt-adaptive");
	}

}
