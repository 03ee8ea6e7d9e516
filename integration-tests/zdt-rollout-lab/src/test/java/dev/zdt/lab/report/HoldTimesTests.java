package dev.zdt.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HoldTimes}: the hold table is read from the logs that a benchmark's
 * runs kept, in the lab's and the starter's own formats.
 *
 * @author zdt
 */
class HoldTimesTests {

	@TempDir
	Path out;

	@Test
	void holdsOfTheZdtRowsAreReadFromThePodLogsWithTheTimeAfterTheLoadBalancerLetGo() throws IOException {
		Path first = run("001", 14.6, 22.700, 14.8, 22.067);
		Path second = run("002", 12.0, 20.500, 11.0, 30.000);
		Path baseline = run("003", 12.0, 0, 11.0, 0);
		Files.writeString(this.out.resolve("benchmark-runs.csv"), RunRow.CSV_HEADER + "\n" + row("zdt-adaptive", first)
				+ row("zdt-adaptive", second) + row("boot-defaults", baseline));
		Files.writeString(second.resolve("pod-2.log"),
				Files.readString(second.resolve("pod-2.log")).replace("reason=traffic-quiet", "reason=max-hold"));

		String table = HoldTimes.table(this.out);

		assertThat(table.lines()).hasSize(3);
		assertThat(table.lines().skip(2).findFirst().orElseThrow()).startsWith("| zdt adaptive")
			.contains("bursty 600 req/s (1 s on / 2 s off) | 11–15 s | 4 |")
			.contains("| 22.4 s (20.5–30.0) |")
			.contains("| 8.3 s (7.3–19.0) |")
			.endsWith("| max-hold 1, traffic-quiet 3 |");
	}

	@Test
	void behindSeveralLoadBalancerNodesTheHoldIsMeasuredFromTheLastNodeLettingGo() throws IOException {
		Path run = run("005", 4.0, 11.4, 3.6, 9.3);
		Files.writeString(run.resolve("summary.txt"),
				Files.readString(run.resolve("summary.txt"))
					.replace("lag 4.0 s)", "lag 4.0 s, last LB node let go after 12.8 s)")
					.replace("lag 3.6 s)", "lag 3.6 s, last LB node let go after 11.0 s)"));

		assertThat(HoldTimes.read(run)).extracting(HoldTimes.Hold::afterLetGo).containsExactly(11.4 - 12.8, 9.3 - 11.0);
	}

	@Test
	void aPodThatLoggedNoHoldIsLeftOut() throws IOException {
		Path run = run("004", 12.0, 21.0, 13.0, 0);

		assertThat(HoldTimes.read(run)).extracting(HoldTimes.Hold::heldSeconds).containsExactly(21.0);
	}

	private Path run(String name, double lag1, double held1, double lag2, double held2) throws IOException {
		Path run = Files.createDirectories(this.out.resolve(name));
		Files.writeString(run.resolve("summary.txt"), """
				zdt-adaptive, bursty 600 req/s (1 s on / 2 s off), lag 11–15 s
				  rollout: 71.2 s (new pods ready after 48.5 s)
				    pod-1: exited 143 after 23.6 s (preStop: GET /actuator/zdt/drain -> 200, lag %.1f s)
				    pod-2: exited 143 after 22.7 s (preStop: GET /actuator/zdt/drain -> 200, lag %.1f s)
				""".formatted(lag1, lag2));
		Files.writeString(run.resolve("pod-1.log"), log(held1));
		Files.writeString(run.resolve("pod-2.log"), log(held2));
		return run;
	}

	private static String log(double held) {
		String started = "2026-11-30T06:51:04.980Z  INFO 3689 --- [zdt-sample-app] dev.zdt.Drain : zdt: drain started "
				+ "(trigger=endpoint, strategy=adaptive)\n";
		return (held == 0) ? started : started + "2026-11-30T06:51:27.669Z  INFO 3689 --- [zdt-sample-app] "
				+ "dev.zdt.Drain : zdt: hold ended (reason=traffic-quiet, held=%.3fs, requests during hold=896)\n"
					.formatted(held);
	}

	private static String row(String scenario, Path directory) {
		return scenario + ",\"bursty 600 req/s (1 s on / 2 s off)\",11–15 s,1,100,0,0,\"{200=100}\",\"{}\",20.0 s,"
				+ "21.0 s,40.0 s,0,\"12.0 11.0\",\"{}\"," + directory + "\n";
	}

}
