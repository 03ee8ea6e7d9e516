package dev.zdt.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zdt.testsupport.elbv2.DescribeTokenBucket;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;

/**
 * One run: N pods registered healthy in one target group, draining on a schedule, each
 * deleted pod replaced by a new one whose endpoint appears 5 s later; the hold of every
 * pod asked every 100 ms until it ends, at the latest at the maximum hold (30 s).
 */
final class FleetRun {

	static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/fleet/0123456789abcdef";

	static final int PORT = 8080;

	static final Duration MAX_HOLD = Duration.ofSeconds(30);

	static final Duration TICK = Duration.ofMillis(100);

	static final Duration NEW_POD_START = Duration.ofSeconds(5);

	private final Schedule schedule;

	private final int fleet;

	FleetRun(Schedule schedule, int fleet) {
		this.schedule = schedule;
		this.fleet = fleet;
	}

	FleetResult run() throws Exception {
		try (FakeElbv2Server fake = FakeElbv2Server.start()) {
			fake.recording(false).targetGroup(TARGET_GROUP, Duration.ofSeconds(300));
			List<SimulatedPod> pods = new ArrayList<>();
			try {
				for (int i = 0; i < this.fleet; i++) {
					SimulatedPod pod = new SimulatedPod(ip(i), this.schedule.drainAfterNanos(i, this.fleet),
							fake.endpoint(), TARGET_GROUP, PORT);
					fake.targetState(TARGET_GROUP, pod.ip, PORT, "healthy");
					pods.add(pod);
				}
				CallCounter calls = new CallCounter(new DescribeTokenBucket());
				fake.admission(calls);
				try (SimulatedController controller = new SimulatedController(fake, Clients.controller(fake.endpoint()),
						TARGET_GROUP, PORT)) {
					controller.start();
					long start = System.nanoTime();
					drive(pods, controller, start);
					long end = System.nanoTime();
					return FleetResult.of(this.schedule, this.fleet, Duration.ofNanos(end - start), calls, controller,
							pods);
				}
			}
			finally {
				pods.forEach(SimulatedPod::close);
			}
		}
	}

	private void drive(List<SimulatedPod> pods, SimulatedController controller, long start)
			throws InterruptedException {
		List<SimulatedPod> replacements = new ArrayList<>(pods);
		int replaced = 0;
		while (true) {
			long now = System.nanoTime();
			boolean allEnded = true;
			for (SimulatedPod pod : pods) {
				if (pod.drainStartedNanos < 0 && now - start >= pod.drainAfterNanos) {
					pod.startDrain(now);
					controller.endpointRemoved(pod);
				}
				if (pod.isHolding()) {
					pod.evaluate(now, MAX_HOLD);
				}
				allEnded &= pod.hasEnded();
			}
			while (replaced < replacements.size() && replacements.get(replaced).drainStartedNanos >= 0
					&& now - replacements.get(replaced).drainStartedNanos >= NEW_POD_START.toNanos()) {
				controller.endpointAdded(ip(this.fleet + replaced));
				replaced++;
			}
			if (allEnded) {
				return;
			}
			Thread.sleep(TICK.toMillis());
		}
	}

	/**
	 * An address of 198.18.0.0/15, the range set aside for benchmarks (RFC 2544): only
	 * ever a string in the fake's target group.
	 */
	static String ip(int index) {
		return "198.18." + (index / 250) + "." + (1 + index % 250);
	}

}
