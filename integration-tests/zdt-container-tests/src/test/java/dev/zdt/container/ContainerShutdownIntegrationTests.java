package dev.zdt.container;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's image under Docker, stopped as the kubelet stops a pod:
 * {@code docker stop} with the grace period sends SIGTERM to PID 1 (the JVM, thanks to
 * the exec-form ENTRYPOINT) and SIGKILL once the grace period is spent. With a fixed
 * hold, the container must drain and exit on its own well before that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerShutdownIntegrationTests {

	/**
	 * The pod's terminationGracePeriodSeconds, given to {@code docker stop}: max hold +
	 * shutdown phase + 2 s.
	 */
	private static final Duration GRACE_PERIOD = Duration.ofSeconds(20);

	/** zdt's hold on SIGTERM, fixed so that the timing assertions have a known floor. */
	private static final Duration HOLD = Duration.ofSeconds(3);

	/**
	 * zdt's hold on the preStop call: long enough that a stop without a second hold
	 * (about a second, more on a busy machine) is told apart from one with it.
	 */
	private static final Duration PRE_STOP_HOLD = Duration.ofSeconds(6);

	/**
	 * A request started before the stop that outlives the hold, so Boot's graceful
	 * shutdown must finish it.
	 */
	private static final Duration IN_FLIGHT_WORK = Duration.ofSeconds(5);

	/**
	 * What the JVM exits with after SIGTERM: 128 + 15. A SIGKILL at the end of the grace
	 * period gives 137.
	 */
	private static final long EXIT_CODE_AFTER_SIGTERM = 143;

	private static SampleAppImage image;

	private static ContainersStarted containersStarted;

	private final List<SampleAppContainer> started = new ArrayList<>();

	@BeforeAll
	static void recordContainersStarted() {
		containersStarted = ContainersStarted.fromNow();
	}

	@BeforeEach
	void requireDockerAndBuildImageOnce() {
		// Per test rather than @BeforeAll, so that a skip shows up as skipped tests with
		// the reason.
		DockerAvailability.require();
		if (image == null) {
			image = SampleAppImage.fromBuild();
			image.name();
		}
	}

	@AfterAll
	static void removeImage() {
		if (image != null) {
			image.remove();
		}
	}

	@AfterEach
	void saveLogsAndRemoveContainers(TestInfo test) throws Exception {
		for (SampleAppContainer container : this.started) {
			try {
				container.saveLogs(Path.of(System.getProperty("zdt.container.logs", "target/container-logs"),
						test.getTestMethod().orElseThrow().getName() + ".log"));
			}
			finally {
				container.close();
			}
		}
	}

	@Test
	void dockerStopShouldDrainThenFinishInFlightRequestAndExitWithinGracePeriod() throws Exception {
		SampleAppContainer app = start(HOLD);
		assertThat(app.getContainerInfo().getConfig().getUser()).as("image user").matches("[1-9][0-9]*(:[0-9]+)?");
		assertThat(app.getLogs()).as("the JVM is PID 1 (exec-form ENTRYPOINT)").contains(" with PID 1 (");
		assertThat(Http.get(app.app("/api/work?ms=1")).statusCode()).isEqualTo(200);
		CompletableFuture<HttpResponse<String>> inFlight = Http
			.getAsync(app.app("/api/work?ms=" + IN_FLIGHT_WORK.toMillis()));
		await("the slow request to be in flight").atMost(Duration.ofSeconds(5)).until(() -> app.inFlight() >= 1);

		CompletableFuture<Duration> stop = app.stopAsKubelet(GRACE_PERIOD);
		await("readiness to refuse traffic").atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> app.readiness() == 503);
		assertThat(app.liveness()).as("liveness during the hold").isEqualTo(200);
		List<HttpResponse<String>> duringHold = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			duringHold.add(Http.get(app.app("/api/work?ms=10")));
		}
		assertThat(duringHold).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Connection")).hasValue("close");
		});

		HttpResponse<String> slow = inFlight.get(30, TimeUnit.SECONDS);
		assertThat(slow.statusCode()).isEqualTo(200);
		assertThat(slow.body()).isEqualTo("ok");
		Duration stopped = stop.get(GRACE_PERIOD.toSeconds() + 30, TimeUnit.SECONDS);
		assertThat(stopped).isGreaterThanOrEqualTo(HOLD).isLessThan(GRACE_PERIOD);
		assertExitedAfterSigterm(app);
		String logs = app.getLogs();
		assertThat(logs).contains("zdt: drain started (trigger=shutdown", "zdt: hold ended");
		assertThat(requestsDuringHold(logs)).as("requests the app counted during the hold")
			.isGreaterThanOrEqualTo(duringHold.size());
	}

	@Test
	void preStopDrainThenDockerStopShouldExitWithoutHoldingAgain() throws Exception {
		SampleAppContainer app = start(PRE_STOP_HOLD);
		long start = System.nanoTime();
		HttpResponse<String> drain = Http.get(app.management("/actuator/zdt/drain"));
		Duration drainTook = Duration.ofNanos(System.nanoTime() - start);
		assertThat(drain.statusCode()).isEqualTo(200);
		assertThat(drainTook).as("preStop returns when the hold is over").isGreaterThanOrEqualTo(PRE_STOP_HOLD);
		assertThat(app.readiness()).isEqualTo(503);

		Duration stopped = app.stopAsKubelet(GRACE_PERIOD).get(GRACE_PERIOD.toSeconds() + 30, TimeUnit.SECONDS);
		assertThat(stopped).as("stop after the preStop drain").isLessThan(PRE_STOP_HOLD);
		assertExitedAfterSigterm(app);
		String logs = app.getLogs();
		assertThat(occurrences(logs, "zdt: drain started")).isOne();
		assertThat(occurrences(logs, "zdt: hold ended")).isOne();
	}

	/**
	 * A fresh machine has no image but those {@code .ci/setup} makes, and no registry to
	 * pull from. Any container of another image (Testcontainers' own helpers included)
	 * would pass on a machine that has the image and fail after minutes of pull retries
	 * on one that does not.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void everyContainerOfTheRunShouldUseTheSampleAppImage() throws Exception {
		// The build's step containers run from bare image IDs of its own layers, never
		// from a name to pull.
		List<String> named = containersStarted.images()
			.stream()
			.filter((started) -> !started.startsWith("sha256:"))
			.toList();
		String sampleApp = withoutTag(image.name());
		assertThat(named).as("images of the containers Testcontainers created")
			.isNotEmpty()
			.allSatisfy((started) -> assertThat(withoutTag(started)).isEqualTo(sampleApp));
	}

	private SampleAppContainer start(Duration hold) {
		SampleAppContainer app = new SampleAppContainer(image.name()).withEnv("ZDT_DRAIN_STRATEGY", "fixed")
			.withEnv("ZDT_DRAIN_DELAY", hold.toSeconds() + "s")
			.withEnv("ZDT_DRAIN_MINHOLD", "2s")
			.withEnv("ZDT_DRAIN_MAXHOLD", "8s")
			.withEnv("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "10s")
			.withEnv("ZDT_TERMINATIONGRACEPERIOD", GRACE_PERIOD.toSeconds() + "s")
			// C1 only: starts in about half the time on a busy two-core machine; shutdown
			// is the same.
			.withEnv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
		this.started.add(app);
		app.start();
		return app;
	}

	private static void assertExitedAfterSigterm(SampleAppContainer app) {
		ContainerState state = app.state();
		assertThat(state.getRunning()).isFalse();
		assertThat(state.getOOMKilled()).isFalse();
		assertThat(state.getExitCodeLong()).as("exit code (137 would mean SIGKILL)").isEqualTo(EXIT_CODE_AFTER_SIGTERM);
	}

	private static int requestsDuringHold(String logs) {
		Matcher matcher = Pattern.compile("zdt: hold ended \\(.*requests during hold=(\\d+)").matcher(logs);
		assertThat(matcher.find()).as("hold ended line with the request count in:%n%s", logs).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String withoutTag(String image) {
		return image.replaceFirst(":[^:/]+$", "");
	}

	private static int occurrences(String text, String line) {
		Matcher matcher = Pattern.compile(Pattern.quote(line)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
