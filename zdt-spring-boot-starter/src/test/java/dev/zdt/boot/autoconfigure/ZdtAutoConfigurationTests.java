package dev.zdt.boot.autoconfigure;

import java.time.Duration;

import dev.zdt.boot.actuate.ZdtEndpoint;
import dev.zdt.boot.actuate.autoconfigure.ZdtEndpointAutoConfiguration;
import dev.zdt.boot.lifecycle.DrainLifecycle;
import dev.zdt.boot.lifecycle.DrainLogger;
import dev.zdt.boot.lifecycle.ReadinessDrainListener;
import dev.zdt.boot.metrics.DrainMetrics;
import dev.zdt.boot.metrics.autoconfigure.ZdtMetricsAutoConfiguration;
import dev.zdt.boot.web.autoconfigure.ZdtServletAutoConfiguration;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.hold.TrafficQuietStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ZdtAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtServletAutoConfiguration.class,
				ZdtEndpointAutoConfiguration.class, ZdtMetricsAutoConfiguration.class, EndpointAutoConfiguration.class,
				LifecycleAutoConfiguration.class));

	@Test
	void defaultsGiveAnAdaptiveDrainThatHoldsShutdown() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zdt").run((context) -> {
			assertThat(context).hasSingleBean(DrainCoordinator.class)
				.hasSingleBean(DrainLifecycle.class)
				.hasSingleBean(ZdtEndpoint.class)
				.hasSingleBean(DrainMetrics.class);
			assertThat(context.getBean(HoldStrategy.class)).isInstanceOf(TrafficQuietStrategy.class);
			DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
			assertThat(coordinator.bounds().minHold()).isEqualTo(Duration.ofSeconds(5));
			assertThat(coordinator.bounds().maxHold()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void disabledBacksOffCompletely() {
		this.contextRunner.withPropertyValues("zdt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DrainCoordinator.class)
				.doesNotHaveBean(DrainLifecycle.class)
				.doesNotHaveBean(ZdtEndpoint.class)
				.doesNotHaveBean(DrainMetrics.class));
	}

	@ParameterizedTest(name = "zdt.termination-grace-period={0} is {1}")
	@CsvSource({ "75,PT75S", "75s,PT75S", "2m,PT2M", "1500ms,PT1.5S" })
	void terminationGracePeriodWithoutAUnitIsInSecondsAsTerminationGracePeriodSecondsIs(String value,
			Duration expected) {
		this.contextRunner.withPropertyValues("zdt.termination-grace-period=" + value)
			.run((context) -> assertThat(context.getBean(ZdtProperties.class).getTerminationGracePeriod())
				.isEqualTo(expected));
	}

	@Test
	void withoutALoadBalancerThereIsNoInFlightWaitCap() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(InFlightWaitCap.class));
	}

	@Test
	void fixedStrategyHoldsTheConfiguredDelay() {
		this.contextRunner.withPropertyValues("zdt.drain.strategy=fixed", "zdt.drain.delay=12s").run((context) -> {
			HoldStrategy strategy = context.getBean(HoldStrategy.class);
			assertThat(strategy).isInstanceOf(FixedDelayStrategy.class);
			assertThat(((FixedDelayStrategy) strategy).delay()).isEqualTo(Duration.ofSeconds(12));
		});
	}

	@Test
	void userStrategyWins() {
		this.contextRunner.withUserConfiguration(UserStrategyConfiguration.class)
			.run((context) -> assertThat(context.getBean(DrainCoordinator.class).strategy().name()).isEqualTo("mine"));
	}

	@Test
	void userCoordinatorWins() {
		this.contextRunner.withUserConfiguration(UserCoordinatorConfiguration.class)
			.run((context) -> assertThat(context.getBean(DrainCoordinator.class))
				.isSameAs(context.getBean(UserCoordinatorConfiguration.class).coordinator));
	}

	@Test
	void userReadinessListenerDrainLoggerAndLifecycleReplaceZdts() {
		this.contextRunner.withUserConfiguration(UserDrainBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ReadinessDrainListener.class)
				.hasSingleBean(DrainLogger.class)
				.hasSingleBean(DrainLifecycle.class);
			assertThat(context.getBean(ReadinessDrainListener.class)).isSameAs(context.getBean("myReadiness"));
			assertThat(context.getBean(DrainLogger.class)).isSameAs(context.getBean("myDrainLogger"));
			assertThat(context.getBean(DrainLifecycle.class)).isSameAs(context.getBean("myDrainLifecycle"));
		});
	}

	@Test
	void autoAsksTheLoadBalancerFirstWhenOneIsConfigured() {
		this.contextRunner.withUserConfiguration(LoadBalancerConfiguration.class).run((context) -> {
			assertThat(context.getBean(HoldStrategy.class).name()).isEqualTo("lb>adaptive");
			assertThat(context).hasSingleBean(InFlightWaitCap.class);
		});
	}

	@Test
	void awsStrategyWithoutAwsSupportFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("zdt.drain.strategy=aws-target-health")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zdt.drain.strategy")
				.hasMessageContaining("zdt-aws"));
	}

	@Test
	void startsWithoutActuatorOrMicrometerOnTheClasspath() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZdtAutoConfiguration.class, ZdtServletAutoConfiguration.class,
					ZdtEndpointAutoConfiguration.class, ZdtMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DrainCoordinator.class)
				.doesNotHaveBean(ZdtEndpoint.class)
				.doesNotHaveBean(DrainMetrics.class));
	}

	@Test
	void withoutAWebServerShutdownDoesNotHold() {
		this.contextRunner.run((context) -> {
			DrainCoordinator coordinator = context.getBean(DrainCoordinator.class);
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(coordinator.state()).isEqualTo(DrainState.SERVING);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStrategyConfiguration {

		@Bean
		HoldStrategy myStrategy() {
			return new NamedStrategy("mine");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCoordinatorConfiguration {

		final DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new NamedStrategy("user"))
			.bounds(new dev.zdt.core.hold.HoldBounds(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(10)))
			.build();

		@Bean
		DrainCoordinator myCoordinator() {
			return this.coordinator;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDrainBeansConfiguration {

		@Bean
		ReadinessDrainListener myReadiness(ApplicationEventPublisher publisher) {
			return new ReadinessDrainListener(publisher);
		}

		@Bean
		DrainLogger myDrainLogger() {
			return new DrainLogger(false);
		}

		@Bean
		DrainLifecycle myDrainLifecycle(DrainCoordinator coordinator, ApplicationContext context) {
			return new DrainLifecycle(coordinator, context, () -> false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LoadBalancerConfiguration {

		@Bean
		LoadBalancerHoldStrategySupplier loadBalancer() {
			return () -> new NamedStrategy("lb");
		}

	}

	record NamedStrategy(String name) implements HoldStrategy, HoldEvaluator {

		@Override
		public HoldEvaluator start(dev.zdt.core.hold.HoldContext context) {
			return this;
		}

		@Override
		public HoldDecision evaluate(dev.zdt.core.hold.HoldContext context) {
			return HoldDecision.keepHolding();
		}

	}

}
