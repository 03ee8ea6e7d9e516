package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zdt.lab.pod.PreStop;

/**
 * How pods are configured and terminated: the application's arguments, the
 * {@code preStop} hook and {@code terminationGracePeriodSeconds}. A scenario with
 * {@code fakeElbv2} gets, for each run, a fake ELBv2 endpoint that answers
 * {@code DescribeTargetHealth} from the lab's own target group ({@link FakeTargetGroup}),
 * and its pods are pointed at it.
 *
 * @param id a short name for command lines and file names
 * @param label the name in tables
 * @param appArguments arguments of the application
 * @param preStop the {@code preStop} hook
 * @param gracePeriod {@code terminationGracePeriodSeconds}
 * @param fakeElbv2 whether the pods poll a fake ELBv2 endpoint backed by the lab's target
 * group (the AWS target-health strategy)
 * @param image the sample app the pods run: {@link #SAMPLE_APP} (Spring Boot 4),
 * {@link #SAMPLE_APP_BOOT3} (Spring Boot 3.5) or {@link #SAMPLE_APP_WEBFLUX} (WebFlux on
 * Reactor Netty)
 * @author zdt
 */
public record Scenario(String id, String label, List<String> appArguments, PreStop preStop, Duration gracePeriod,
		boolean fakeElbv2, String image) {

	/**
	 * The image of the sample app on Spring Boot 4 with zdt-spring-boot-starter.
	 */
	public static final String SAMPLE_APP = "zdt-sample-app";

	/**
	 * The image of the same sample app on Spring Boot 3.5 with zdt-spring-boot3-starter.
	 */
	public static final String SAMPLE_APP_BOOT3 = "zdt-sample-app-boot3";

	/**
	 * The image of the WebFlux sample app on Reactor Netty (Spring Boot 4) with the same
	 * zdt-spring-boot-starter.
	 */
	public static final String SAMPLE_APP_WEBFLUX = "zdt-sample-app-webflux";

	/**
	 * The drain endpoint that the zdt {@code preStop} hook calls.
	 */
	public static final String DRAIN_PATH = "/actuator/zdt/drain";

	private static final List<String> WITHOUT_ZDT = List.of("--zdt.enabled=false");

	// As k8s/base/deployment.yaml: max hold 30 s + shutdown phase 30 s + margin.
	private static final Duration ZDT_GRACE = Duration.ofSeconds(75);

	/**
	 * Plain Spring Boot graceful shutdown: the starter switched off, no {@code preStop},
	 * grace 30 s.
	 */
	public static final Scenario BOOT_DEFAULTS = new Scenario("boot-defaults", "Spring Boot defaults", WITHOUT_ZDT,
			PreStop.none(), Duration.ofSeconds(30));

	/**
	 * zdt with a fixed hold ({@code zdt.drain.delay}, 20 s), {@code preStop httpGet} on
	 * the drain endpoint.
	 */
	public static final Scenario ZDT_FIXED = zdt("zdt-fixed", "zdt fixed (20 s)", List.of("--zdt.drain.strategy=fixed"),
			PreStop.httpGet(DRAIN_PATH, Map.of()));

	/**
	 * zdt on its defaults (adaptive hold), {@code preStop httpGet} on the drain endpoint,
	 * as in k8s/.
	 */
	public static final Scenario ZDT_ADAPTIVE = zdt("zdt-adaptive", "zdt adaptive (defaults)", List.of(),
			PreStop.httpGet(DRAIN_PATH, Map.of()));

	/**
	 * zdt on its defaults with the AWS target-health strategy
	 * ({@code zdt.drain.strategy=auto} picks {@code aws-target-health}, ended early by
	 * {@code adaptive} when safe) polling a fake ELBv2 endpoint that reports the target
	 * as HAProxy holds it; {@code preStop httpGet} on the drain endpoint.
	 */
	public static final Scenario ZDT_AWS = zdt("zdt-aws", "zdt AWS target health (fake ELBv2)", List.of(),
			PreStop.httpGet(DRAIN_PATH, Map.of()))
		.withFakeElbv2();

	/**
	 * zdt on its defaults without any {@code preStop} hook: the hold runs inside SIGTERM
	 * handling (for images without a shell, or clusters where hooks are not an option).
	 */
	public static final Scenario ZDT_SIGTERM_ONLY = zdt("zdt-sigterm", "zdt adaptive, no preStop (SIGTERM only)",
			List.of(), PreStop.none());

	/**
	 * zdt as a user who sets nothing gets it on Kubernetes: its defaults,
	 * {@code preStop httpGet} on the drain endpoint, Kubernetes' default grace period of
	 * 30 s, no {@code zdt.termination-grace-period}. The pod is on Kubernetes as Spring
	 * Boot sees it ({@code spring.main.cloud-platform=kubernetes}, what the service
	 * environment variables of a real pod make it detect), so zdt plans for the 30 s.
	 */
	public static final Scenario ZDT_NOTHING_SET = new Scenario("zdt-nothing-set",
			"zdt defaults, grace 30 s, nothing set", List.of("--spring.main.cloud-platform=kubernetes"),
			PreStop.httpGet(DRAIN_PATH, Map.of()), Duration.ofSeconds(30));

	/**
	 * {@link #ZDT_ADAPTIVE} on the Spring Boot 3.5 sample app.
	 */
	public static final Scenario ZDT_BOOT3 = zdt("zdt-boot3", "zdt adaptive (defaults), Spring Boot 3.5", List.of(),
			PreStop.httpGet(DRAIN_PATH, Map.of()))
		.onImage(SAMPLE_APP_BOOT3);

	/**
	 * {@link #ZDT_ADAPTIVE} on the WebFlux sample app (Reactor Netty).
	 */
	public static final Scenario ZDT_WEBFLUX = zdt("zdt-webflux", "zdt adaptive (defaults), WebFlux on Reactor Netty",
			List.of(), PreStop.httpGet(DRAIN_PATH, Map.of()))
		.onImage(SAMPLE_APP_WEBFLUX);

	/**
	 * The walkthrough's {@code preStop: sleep N}, the starter switched off, grace
	 * {@code N + 30} s.
	 * @param seconds the sleep
	 * @return the scenario
	 */
	public static Scenario preStopSleep(int seconds) {
		return new Scenario("prestop-sleep-" + seconds, "preStop sleep " + seconds, WITHOUT_ZDT,
				PreStop.sleep(Duration.ofSeconds(seconds)), Duration.ofSeconds(Math.max(30, seconds + 30)));
	}

	/**
	 * Create a scenario whose pods run {@link #SAMPLE_APP} and do not talk to a fake
	 * ELBv2 endpoint.
	 * @param id a short name for command lines and file names
	 * @param label the name in tables
	 * @param appArguments arguments of the application
	 * @param preStop the {@code preStop} hook
	 * @param gracePeriod {@code terminationGracePeriodSeconds}
	 */
	public Scenario(String id, String label, List<String> appArguments, PreStop preStop, Duration gracePeriod) {
		this(id, label, appArguments, preStop, gracePeriod, false, SAMPLE_APP);
	}

	private static Scenario zdt(String id, String label, List<String> arguments, PreStop preStop) {
		List<String> all = new ArrayList<>(arguments);
		all.add("--zdt.termination-grace-period=" + ZDT_GRACE.toSeconds() + "s");
		return new Scenario(id, label, List.copyOf(all), preStop, ZDT_GRACE);
	}

	/**
	 * Return the scenario of the benchmark table, in order.
	 * @return the standard scenarios
	 */
	public static List<Scenario> standard() {
		return List.of(BOOT_DEFAULTS, preStopSleep(10), preStopSleep(40), ZDT_FIXED, ZDT_ADAPTIVE, ZDT_AWS);
	}

	/**
	 * Find a scenario by id: {@code boot-defaults}, {@code prestop-sleep-N},
	 * {@code zdt-fixed}, {@code zdt-adaptive}, {@code zdt-aws}, {@code zdt-sigterm},
	 * {@code zdt-boot3}, {@code zdt-webflux}.
	 * @param id the id
	 * @return the scenario
	 */
	public static Scenario of(String id) {
		if (id.startsWith("prestop-sleep-")) {
			return preStopSleep(Integer.parseInt(id.substring("prestop-sleep-".length())));
		}
		for (Scenario scenario : List.of(BOOT_DEFAULTS, ZDT_FIXED, ZDT_ADAPTIVE, ZDT_AWS, ZDT_SIGTERM_ONLY,
				ZDT_NOTHING_SET, ZDT_BOOT3, ZDT_WEBFLUX)) {
			if (scenario.id.equals(id)) {
				return scenario;
			}
		}
		throw new IllegalArgumentException("Unknown scenario '" + id
				+ "' (boot-defaults, prestop-sleep-N, zdt-fixed, zdt-adaptive, zdt-aws, zdt-sigterm, zdt-nothing-set, "
				+ "zdt-boot3, zdt-webflux)");
	}

	/**
	 * Return this scenario with extra application arguments (e.g. a drain token, a
	 * shorter max hold).
	 * @param arguments the extra arguments
	 * @return a new scenario
	 */
	public Scenario withExtraArguments(List<String> arguments) {
		List<String> all = new ArrayList<>(this.appArguments);
		all.addAll(arguments);
		return new Scenario(this.id, this.label, List.copyOf(all), this.preStop, this.gracePeriod, this.fakeElbv2,
				this.image);
	}

	/**
	 * Return this scenario with its pods polling a fake ELBv2 endpoint backed by the
	 * lab's target group.
	 * @return a new scenario
	 */
	public Scenario withFakeElbv2() {
		return new Scenario(this.id, this.label, this.appArguments, this.preStop, this.gracePeriod, true, this.image);
	}

	/**
	 * Return this scenario with its pods running another image.
	 * @param image {@link #SAMPLE_APP}, {@link #SAMPLE_APP_BOOT3} or
	 * {@link #SAMPLE_APP_WEBFLUX}
	 * @return a new scenario
	 */
	public Scenario onImage(String image) {
		return new Scenario(this.id, this.label, this.appArguments, this.preStop, this.gracePeriod, this.fakeElbv2,
				image);
	}

}
