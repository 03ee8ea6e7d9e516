package dev.zdt.integration;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zdt.testsupport.http.HttpConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of drain calls on the management port, more than its server has request threads
 * (Tomcat's and Jetty's 200; Reactor's bounded elastic scheduler has 10 per core): while
 * they wait for the hold, the liveness probe must still answer within kubelet's default
 * timeout of 1 s, or kubelet restarts the pod in the middle of its drain.
 */
class DrainCallBurstIntegrationTests {

	private static final Duration HOLD = Duration.ofSeconds(6);

	private static final int BURST = 250;

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	private static final String LIVENESS = "/actuator/health/liveness";

	@ParameterizedTest(name = "{0}")
	@EnumSource(SampleServer.class)
	void livenessAnswersWithinOneSecondWhileABurstOfDrainCallsWaitsForTheHold(SampleServer server) throws Exception {
		try (SampleApp app = SampleApp.start(server, "drain-burst", "--zdt.drain.strategy=fixed",
				"--zdt.drain.delay=" + HOLD.toSeconds() + "s", "--zdt.drain.min-hold=0s",
				"--zdt.drain.max-hold=" + HOLD.plusSeconds(4).toSeconds() + "s")) {
			app.awaitReady();
			List<HttpConnection> calls = new ArrayList<>();
			try {
				for (int i = 0; i < BURST; i++) {
					HttpConnection call = HttpConnection.open(app.managementPort(), HOLD.plusSeconds(60));
					calls.add(call);
					call.sendGet("/actuator/zdt/drain");
				}
				long drainStarted = System.nanoTime();
				DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(10));
				List<Probe> probes = new ArrayList<>();
				long lastProbe = drainStarted + HOLD.minusSeconds(1).toNanos();
				while (System.nanoTime() < lastProbe) {
					probes.add(Probe.liveness(app));
					Poll.untilNanos(Math.min(lastProbe, System.nanoTime() + Duration.ofMillis(300).toNanos()));
				}
				String holdEnded = DrainLog.awaitHoldEnded(app.log(), HOLD.plusSeconds(10));
				List<Integer> drainStatuses = new ArrayList<>();
				for (HttpConnection call : calls) {
					drainStatuses.add(call.readResponse().status());
				}
				System.out.printf("%s: %d liveness probes during the hold of %d drain calls: %s%n", server,
						probes.size(), BURST, probes);

				assertThat(holdEnded).as("the hold ran its fixed delay").contains("reason=delay");
				assertThat(probes).as("every liveness probe answered 200 within %s", PROBE_TIMEOUT)
					.allSatisfy((probe) -> assertThat(probe.status()).as("%s", probe).isEqualTo(200));
				assertThat(probes).as("liveness probes during the hold").hasSizeGreaterThanOrEqualTo(5);
				assertThat(drainStatuses).as("every drain call answered after the hold")
					.hasSize(BURST)
					.containsOnly(200);
			}
			finally {
				calls.forEach(HttpConnection::close);
			}
			app.process().sigterm();
			assertThat(app.process().awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
		}
	}

	/**
	 * One liveness probe as kubelet sends it: a new connection, 1 s to answer.
	 *
	 * @param status the status, or -1 when no answer came in time
	 * @param tookMillis how long the answer (or the failure) took
	 */
	private record Probe(int status, long tookMillis) {

		static Probe liveness(SampleApp app) {
			long start = System.nanoTime();
			int status;
			try {
				status = app.management(LIVENESS, PROBE_TIMEOUT, "User-Agent: kube-probe/1.32").status();
			}
			catch (IOException ex) {
				status = -1;
			}
			return new Probe(status, Duration.ofNanos(System.nanoTime() - start).toMillis());
		}

		@Override
		public String toString() {
			return this.status + " in " + this.tookMillis + " ms";
		}

	}

}
