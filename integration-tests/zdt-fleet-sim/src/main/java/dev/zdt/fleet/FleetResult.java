package dev.zdt.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the table.
 */
record FleetResult(Schedule schedule, int fleet, Duration duration, long zdtCalls, long zdtThrottled,
		long controllerCalls, long controllerThrottled, int reconciles, int failedReconciles, int endedByAlb,
		int endedByFallback, Stats sawDraining, Stats deregistered) {

	static FleetResult of(Schedule schedule, int fleet, Duration duration, CallCounter calls,
			SimulatedController controller, List<SimulatedPod> pods) {
		List<Long> saw = new ArrayList<>();
		int byAlb = 0;
		for (SimulatedPod pod : pods) {
			byAlb += pod.endedByLoadBalancer() ? 1 : 0;
			Duration after = pod.sawDrainingAfter();
			if (after != null) {
				saw.add(after.toNanos());
			}
		}
		return new FleetResult(schedule, fleet, duration, calls.zdtCalls.get(), calls.zdtThrottled.get(),
				calls.controllerCalls.get(), calls.controllerThrottled.get(), controller.reconciles,
				controller.failedReconciles, byAlb, pods.size() - byAlb, Stats.of(saw),
				Stats.of(controller.deregistrationLags()));
	}

	static String header() {
		return "| schedule | N | run (s) | zdt calls/s | zdt throttled | controller calls/s | controller throttled "
				+ "| reconciles failed | holds ended by ALB / fallback | hold saw `draining` after (s, median / p95 / max) "
				+ "| deregistered after drain start (s, median / p95 / max) |\n"
				+ "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
	}

	String row() {
		double seconds = this.duration.toNanos() / 1e9;
		return String.format("| %s | %d | %.0f | %.1f | %d of %d | %.2f | %d of %d | %d of %d | %d / %d | %s | %s |",
				this.schedule.title, this.fleet, seconds, this.zdtCalls / seconds, this.zdtThrottled, this.zdtCalls,
				this.controllerCalls / seconds, this.controllerThrottled, this.controllerCalls, this.failedReconciles,
				this.reconciles, this.endedByAlb, this.endedByFallback, this.sawDraining.seconds(),
				this.deregistered.seconds());
	}

}
