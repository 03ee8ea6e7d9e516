package dev.zdt.lab.rollout;

import java.time.Duration;

import dev.zdt.lab.lb.HealthCheck;
import dev.zdt.lab.load.LoadOptions;
import dev.zdt.lab.load.TrafficShape;

/**
 * One lab run: a deployment of {@code pods} replicas behind HAProxy, load in a traffic
 * shape at {@code rate} requests per second, {@code rollouts} rolling updates one after
 * the other.
 *
 * @param scenario pod configuration and termination
 * @param rate requests per second (while sending, for shapes that have a rate)
 * @param shape the traffic shape's name ({@link TrafficShape#of(String, double)})
 * @param lag the deregistration lag range
 * @param pods replicas
 * @param rollouts rolling updates to run
 * @param path the request path
 * @param warmUp load before the first rollout
 * @param coolDown load after the last rollout
 * @param healthCheck the target group's health check
 * @param deregistrationDelay how long a draining target keeps its connections at most
 * @param seed the seed of the lags
 * @param locust whether Locust sends the load instead of the built-in generator
 * @param listener told of target changes
 * @param nodes the load balancer's nodes: how the traffic splits over them and when each
 * stops routing after {@code draining}
 * @author zdt
 */
public record RunSpec(Scenario scenario, double rate, String shape, LagRange lag, int pods, int rollouts, String path,
		Duration warmUp, Duration coolDown, HealthCheck healthCheck, Duration deregistrationDelay, long seed,
		boolean locust, TargetGroupListener listener, LoadBalancerNodes nodes) {

	/**
	 * Return a run of a scenario with defaults: 600 requests per second, lags of 2 to 15
	 * s, 2 pods, 1 rollout.
	 * @param scenario the scenario
	 * @return the run
	 */
	public static RunSpec of(Scenario scenario) {
		return new RunSpec(scenario, 600, "steady", LagRange.parse("2-15"), 2, 1, LoadOptions.DEFAULT_PATH,
				Duration.ofSeconds(5), Duration.ofSeconds(3), HealthCheck.defaults(), Duration.ofSeconds(300),
				System.nanoTime(), false, TargetGroupListener.NONE, LoadBalancerNodes.single());
	}

	/**
	 * Return this run with another scenario.
	 * @param scenario the scenario
	 * @return a new run
	 */
	public RunSpec withScenario(Scenario scenario) {
		return new RunSpec(scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path, this.warmUp,
				this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return this run with another rate.
	 * @param rate requests per second
	 * @return a new run
	 */
	public RunSpec withRate(double rate) {
		return new RunSpec(this.scenario, rate, this.shape, this.lag, this.pods, this.rollouts, this.path, this.warmUp,
				this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return this run with another traffic shape.
	 * @param shape the shape's name ({@link TrafficShape#of(String, double)})
	 * @return a new run
	 */
	public RunSpec withShape(String shape) {
		TrafficShape.of(shape, this.rate);
		return new RunSpec(this.scenario, this.rate, shape, this.lag, this.pods, this.rollouts, this.path, this.warmUp,
				this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return the traffic this run sends.
	 * @return the shape at this run's rate
	 */
	public TrafficShape traffic() {
		return TrafficShape.of(this.shape, this.rate);
	}

	/**
	 * Return the traffic as the benchmark table names it: the rate alone for steady
	 * traffic.
	 * @return e.g. {@code 600} or {@code bursty 600 req/s (1 s on / 2 s off)}
	 */
	public String trafficLabel() {
		return this.shape.equals("steady") ? rateLabel() : traffic().label();
	}

	/**
	 * Return this run with another lag range.
	 * @param lag the lag range
	 * @return a new run
	 */
	public RunSpec withLag(LagRange lag) {
		return new RunSpec(this.scenario, this.rate, this.shape, lag, this.pods, this.rollouts, this.path, this.warmUp,
				this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return this run with other sizes.
	 * @param pods replicas
	 * @param rollouts rolling updates
	 * @return a new run
	 */
	public RunSpec withSize(int pods, int rollouts) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, pods, rollouts, this.path, this.warmUp,
				this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return this run with other timing around the rollouts.
	 * @param warmUp load before the first rollout
	 * @param coolDown load after the last rollout
	 * @return a new run
	 */
	public RunSpec withWarmUp(Duration warmUp, Duration coolDown) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path, warmUp,
				coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return this run with another request path.
	 * @param path the request path
	 * @return a new run
	 */
	public RunSpec withPath(String path) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, path, this.warmUp,
				this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust, this.listener,
				this.nodes);
	}

	/**
	 * Return this run with another health check.
	 * @param healthCheck the health check
	 * @return a new run
	 */
	public RunSpec withHealthCheck(HealthCheck healthCheck) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path,
				this.warmUp, this.coolDown, healthCheck, this.deregistrationDelay, this.seed, this.locust,
				this.listener, this.nodes);
	}

	/**
	 * Return this run with another seed.
	 * @param seed the seed of the lags
	 * @return a new run
	 */
	public RunSpec withSeed(long seed) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path,
				this.warmUp, this.coolDown, this.healthCheck, this.deregistrationDelay, seed, this.locust,
				this.listener, this.nodes);
	}

	/**
	 * Return this run with Locust (or the built-in generator) sending the load.
	 * @param locust whether Locust sends the load
	 * @return a new run
	 */
	public RunSpec withLocust(boolean locust) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path,
				this.warmUp, this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, locust,
				this.listener, this.nodes);
	}

	/**
	 * Return this run with a listener of target changes.
	 * @param listener the listener
	 * @return a new run
	 */
	public RunSpec withListener(TargetGroupListener listener) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path,
				this.warmUp, this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust,
				listener, this.nodes);
	}

	/**
	 * Return this run with other load balancer nodes.
	 * @param nodes the nodes
	 * @return a new run
	 */
	public RunSpec withNodes(LoadBalancerNodes nodes) {
		return new RunSpec(this.scenario, this.rate, this.shape, this.lag, this.pods, this.rollouts, this.path,
				this.warmUp, this.coolDown, this.healthCheck, this.deregistrationDelay, this.seed, this.locust,
				this.listener, nodes);
	}

	/**
	 * Return the lag as the benchmark table names it: with several load balancer nodes,
	 * also when each node stops routing after {@code draining}.
	 * @return e.g. {@code 3–6 s} or {@code 3–6 s; LB nodes 99:1 stop +0 / +5–10 s}
	 */
	public String lagLabel() {
		return this.lag.label() + (this.nodes.multiple()
				? "; LB nodes " + this.nodes.splitLabel() + " stop " + this.nodes.lagLabel() : "");
	}

	/**
	 * Return a one-line description.
	 * @return the description
	 */
	public String describe() {
		return "%s, %s, lag %s, %s%s, %d pods, %d rollout(s)%s, seed %d".formatted(this.scenario.id(),
				this.locust ? rateLabel() + " req/s" : traffic().label(), this.lag.label(), this.healthCheck.describe(),
				this.nodes.multiple() ? ", " + this.nodes.describe() : "", this.pods, this.rollouts,
				this.locust ? ", Locust" : "", this.seed);
	}

	private String rateLabel() {
		return (this.rate == Math.rint(this.rate)) ? String.valueOf((long) this.rate) : String.valueOf(this.rate);
	}

}
