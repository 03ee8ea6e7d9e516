package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.List;

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
	void zdtWithNothingSetRunsOnKubernetesDefaultGracePeriodWithoutTellingTheStarter() {
		Scenario nothingSet = Scenario.of("zdt-nothing-set");
		assertThat(nothingSet).isSameAs(Scenario.ZDT_NOTHING_SET);
		assertThat(nothingSet.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
		assertThat(nothingSet.appArguments()).containsExactly("--spring.main.cloud-platform=kubernetes");
		assertThat(nothingSet.preStop().describe()).isEqualTo("httpGet /actuator/zdt/drain");
	}

	@Test
	void zdtAwsScenarioUsesTheDefaultStrategyWithAFakeElbv2EndpointAndIsPartOfTheBenchmark() {
		Scenario aws = Scenario.of("zdt-aws");
		assertThat(aws).isSameAs(Scenario.ZDT_AWS);
		assertThat(aws.fakeElbv2()).isTrue();
		assertThat(aws.appArguments()).containsExactly("--zdt.termination-grace-period=75s");
		assertThat(aws.preStop().describe()).isEqualTo("httpGet /actuator/zdt/drain");
		assertThat(aws.gracePeriod()).isEqualTo(Duration.ofSeconds(75));
		assertThat(aws.withExtraArguments(List.of("--zdt.drain.max-hold=10s")).fakeElbv2()).isTrue();
		assertThat(Scenario.ZDT_ADAPTIVE.fakeElbv2()).isFalse();
		assertThat(Scenario.standard()).extracting(Scenario::id)
			.containsExactly("boot-defaults", "prestop-sleep-10", "prestop-sleep-40", "zdt-fixed", "zdt-adaptive",
					"zdt-aws");
	}

	@Test
	void zdtBoot3ScenarioIsTheAdaptiveOneOnTheSpringBoot3SampleApp() {
		Scenario boot3 = Scenario.of("zdt-boot3");
		assertThat(boot3).isSameAs(Scenario.ZDT_BOOT3);
		assertThat(boot3.image()).isEqualTo("zdt-sample-app-boot3");
		assertThat(boot3.appArguments()).isEqualTo(Scenario.ZDT_ADAPTIVE.appArguments());
		assertThat(boot3.preStop()).isEqualTo(Scenario.ZDT_ADAPTIVE.preStop());
		assertThat(boot3.gracePeriod()).isEqualTo(Scenario.ZDT_ADAPTIVE.gracePeriod());
		assertThat(boot3.withExtraArguments(List.of("--zdt.drain.max-hold=10s")).image())
			.isEqualTo("zdt-sample-app-boot3");
		assertThat(Scenario.ZDT_ADAPTIVE.image()).isEqualTo("zdt-sample-app");
		assertThat(Scenario.preStopSleep(10).image()).isEqualTo("zdt-sample-app");
	}

	@Test
	void zdtWebfluxScenarioIsTheAdaptiveOneOnTheReactiveSampleApp() {
		Scenario webflux = Scenario.of("zdt-webflux");
		assertThat(webflux).isSameAs(Scenario.ZDT_WEBFLUX);
		assertThat(webflux.image()).isEqualTo("zdt-sample-app-webflux");
		assertThat(webflux.appArguments()).isEqualTo(Scenario.ZDT_ADAPTIVE.appArguments());
		assertThat(webflux.preStop()).isEqualTo(Scenario.ZDT_ADAPTIVE.preStop());
		assertThat(webflux.gracePeriod()).isEqualTo(Scenario.ZDT_ADAPTIVE.gracePeriod());
	}

	@Test
	void unknownScenarioNamesTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Scenario.of("nope"))
			.withMessageContaining("zdt-adaptive");
	}

}
