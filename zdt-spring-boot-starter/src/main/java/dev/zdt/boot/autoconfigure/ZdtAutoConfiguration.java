package dev.zdt.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.zdt.boot.internal.BootWebServers;
import dev.zdt.boot.lifecycle.CommonsLoggingSystemLogger;
import dev.zdt.boot.lifecycle.DrainAwareApplicationAvailability;
import dev.zdt.boot.lifecycle.DrainLifecycle;
import dev.zdt.boot.lifecycle.DrainLogger;
import dev.zdt.boot.lifecycle.ReadinessDrainListener;
import dev.zdt.boot.work.CoversLifecycleStop;
import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainCoordinatorBuilder;
import dev.zdt.core.DrainListener;
import dev.zdt.core.ShutdownBudget;
import dev.zdt.core.ShutdownPhase;
import dev.zdt.core.connection.LongLivedConnections;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.LoadBalancerHoldStrategySupplier;
import dev.zdt.core.time.Ticker;
import dev.zdt.core.traffic.TrafficMonitor;
import dev.zdt.core.work.ShutdownParticipants;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the zdt drain: on SIGTERM or a drain call, readiness goes down,
 * the application keeps serving while the load balancer still routes to it, and shutdown
 * waits for the hold before the web server's graceful shutdown lets requests in flight
 * finish. Comes before Spring Boot's {@link ApplicationAvailabilityAutoConfiguration} to
 * supply the application's availability: Spring Boot's, except that readiness stays down
 * once a drain has started ({@link DrainAwareApplicationAvailability}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = ApplicationAvailabilityAutoConfiguration.class)
@ConditionalOnZdtEnabled
@EnableConfigurationProperties({ ZdtProperties.class, LifecycleProperties.class })
public final class ZdtAutoConfiguration {

	ZdtAutoConfiguration(ApplicationContext context) {
		OneStarterCheck.check(context.getClassLoader());
	}

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor zdtDurationUnitCheck() {
		return DurationUnitCheck.advisor();
	}

	@Bean
	@ConditionalOnMissingBean
	TrafficMonitor zdtTrafficMonitor(ObjectProvider<Ticker> ticker) {
		return new TrafficMonitor(ticker.getIfAvailable(Ticker::system));
	}

	@Bean
	@ConditionalOnMissingBean
	HoldStrategy zdtHoldStrategy(ZdtProperties properties,
			ObjectProvider<LoadBalancerHoldStrategySupplier> loadBalancer) {
		return HoldStrategySelector.select(properties.getDrain(), loadBalancer.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	DrainCoordinator zdtDrainCoordinator(ZdtProperties properties, HoldStrategy strategy, TrafficMonitor traffic,
			ObjectProvider<DrainListener> listeners, ObjectProvider<Ticker> ticker, ObjectProvider<Clock> clock,
			ObjectProvider<DrainAwareApplicationAvailability> availability, HoldBounds bounds) {
		DrainCoordinatorBuilder builder = DrainCoordinator.builder()
			.strategy(strategy)
			.bounds(bounds)
			.traffic(traffic)
			.ticker(ticker.getIfAvailable(Ticker::system))
			.clock(clock.getIfAvailable(Clock::systemUTC))
			.cancelAfter(properties.getDrain().getCancelAfter())
			.logger(CommonsLoggingSystemLogger.named(DrainCoordinator.class.getName()));
		listeners.orderedStream().forEach(builder::listener);
		// With an ApplicationAvailability of the application's own, zdt cannot tell.
		availability.ifAvailable((readiness) -> builder.everReady(readiness::hasBeenReady));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	LongLivedConnections zdtLongLivedConnections() {
		return new LongLivedConnections();
	}

	@Bean
	@ConditionalOnMissingBean
	ReadinessDrainListener zdtReadinessDrainListener(ApplicationEventPublisher publisher) {
		return new ReadinessDrainListener(publisher);
	}

	@Bean
	@ConditionalOnMissingBean(ApplicationAvailability.class)
	DrainAwareApplicationAvailability zdtApplicationAvailability(ReadinessDrainListener readiness) {
		return new DrainAwareApplicationAvailability(readiness::isHoldingReadinessDown);
	}

	@Bean
	@ConditionalOnMissingBean
	DrainLogger zdtDrainLogger(Environment environment, ObjectProvider<ShutdownParticipants> participants) {
		return new DrainLogger(!CloudPlatforms.detected(environment), participants::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	DrainLifecycle zdtDrainLifecycle(DrainCoordinator coordinator, ApplicationContext context) {
		return new DrainLifecycle(coordinator, context, WebServerDetector.runningIn(context));
	}

	@Bean
	GracePeriodFit zdtGracePeriod(ZdtProperties properties, Environment environment) {
		return GracePeriodFit.of(properties.getTerminationGracePeriod(), environment);
	}

	/**
	 * The bounds of the hold, built once: the configured ones (zero in a test context),
	 * with the default max hold fitted into the grace period. The coordinator and the
	 * budget get this same object.
	 */
	@Bean
	HoldBounds zdtHoldBounds(ZdtProperties properties, Environment environment, GracePeriodFit gracePeriod,
			LifecycleProperties lifecycle, ApplicationContext context) {
		HoldBounds configured = TestContextHold.bounds(properties.getDrain(), environment);
		return gracePeriod.fit(configured, budget(configured, lifecycle, context), environment);
	}

	@Bean
	ShutdownBudget zdtShutdownBudget(HoldBounds bounds, LifecycleProperties lifecycle, ApplicationContext context) {
		return budget(bounds, lifecycle, context);
	}

	private static ShutdownBudget budget(HoldBounds bounds, LifecycleProperties lifecycle, ApplicationContext context) {
		return ShutdownBudget.of(bounds, lifecycle.getTimeoutPerShutdownPhase())
			.withResourceRelease(ReactorNettyQuietPeriod.of(context, context.getEnvironment()));
	}

	@Bean
	LifecyclePhases zdtLifecyclePhases(ApplicationContext context, LifecycleProperties lifecycle,
			ObjectProvider<ShutdownPhaseTimeout> holdPhase, ObjectProvider<CoversLifecycleStop> coverers) {
		return new LifecyclePhases(context, lifecycle.getTimeoutPerShutdownPhase(),
				() -> Map.of(DrainLifecycle.PHASE, holdPhase.getObject().timeout()),
				() -> coverers.orderedStream().toList());
	}

	@Bean
	PhaseDeadline zdtPhaseDeadline(ApplicationContext context, ShutdownBudget budget,
			ObjectProvider<LifecyclePhases> phases, GracePeriodFit gracePeriod,
			ObjectProvider<InFlightWaitCap> inFlightWaitCap) {
		int gracefulShutdownPhase = WebServerDetector.webServerModulePresent(context.getClassLoader())
				? WebServerDetector.gracefulShutdownPhase() : ShutdownPhase.WEB_SERVER_GRACEFUL_SHUTDOWN;
		return new PhaseDeadline(() -> LifecycleProcessors.find(context), () -> phases.getObject().read(), budget,
				gracePeriod, gracefulShutdownPhase, inFlightWaitCap::getIfAvailable);
	}

	@Bean
	ShutdownPhaseTimeout zdtShutdownPhaseTimeout(ApplicationContext context, ShutdownBudget budget) {
		return new ShutdownPhaseTimeout(context, budget);
	}

	@Bean
	@ConditionalOnBean(LoadBalancerHoldStrategySupplier.class)
	@ConditionalOnClass(name = BootWebServers.APPLICATION_CONTEXT)
	InFlightWaitCap zdtInFlightWaitCap(ApplicationContext context, ShutdownBudget budget,
			ObjectProvider<LoadBalancerHoldStrategySupplier> loadBalancer, ObjectProvider<PhaseDeadline> deadline) {
		return new InFlightWaitCap(() -> LifecycleProcessors.find(context), WebServerDetector.gracefulShutdownPhase(),
				budget, loadBalancer::getIfUnique, deadline::getIfAvailable);
	}

	@Bean
	StartupChecks zdtStartupChecks(ShutdownBudget budget, GracePeriodFit gracePeriod, Environment environment,
			ObjectProvider<LoadBalancerHoldStrategySupplier> loadBalancer, LifecyclePhases phases) {
		return new StartupChecks(budget, gracePeriod, StartupChecks.immediateServerShutdown(environment),
				() -> deregistrationDelay(loadBalancer), phases::read);
	}

	private static @Nullable Duration deregistrationDelay(
			ObjectProvider<LoadBalancerHoldStrategySupplier> loadBalancer) {
		LoadBalancerHoldStrategySupplier supplier = loadBalancer.getIfUnique();
		return (supplier != null) ? supplier.deregistrationDelay() : null;
	}

}
