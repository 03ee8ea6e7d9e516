package dev.zdt.fleet;

import dev.zdt.aws.TargetHealthStrategy;

/**
 * How the simulated pods' strategies are configured: as the starter does with its
 * defaults.
 */
final class FleetStrategies {

	private FleetStrategies() {
	}

	static TargetHealthStrategy.Builder configure(TargetHealthStrategy.Builder builder) {
		return builder;
	}

}
