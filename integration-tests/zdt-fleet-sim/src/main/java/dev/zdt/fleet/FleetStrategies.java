package dev.zdt.fleet;

import dev.zdt.aws.TargetHealthStrategyBuilder;

/**
 * How the simulated pods' strategies are configured: as the starter does with its
 * defaults.
 */
final class FleetStrategies {

	private FleetStrategies() {
	}

	static TargetHealthStrategyBuilder configure(TargetHealthStrategyBuilder builder) {
		return builder;
	}

}
