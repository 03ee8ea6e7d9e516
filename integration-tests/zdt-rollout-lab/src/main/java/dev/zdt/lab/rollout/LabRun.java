package dev.zdt.lab.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.zdt.lab.lb.HaproxyNodes;
import dev.zdt.lab.load.Load;
import dev.zdt.lab.load.LoadGenerator;
import dev.zdt.lab.load.LoadOptions;
import dev.zdt.lab.load.LoadReport;
import dev.zdt.lab.load.LocustLoad;
import dev.zdt.lab.load.TrafficSplit;
import dev.zdt.lab.pod.PodImage;
import dev.zdt.lab.time.LabClock;
import org.jspecify.annotations.Nullable;

/**
 * Runs one lab run: HAProxy, the deployment, the load, the rollouts; then stops
 * everything it started.
 *
 * @author zdt
 */
public final class LabRun {

	private final PodImage image;

	private final Path directory;

	private final Consumer<String> progress;

	private final SideWork sideWork;

	/**
	 * Create a lab run.
	 * @param image what the pods run
	 * @param directory where configuration and logs go (created)
	 * @param progress told of progress (events, summaries)
	 */
	public LabRun(PodImage image, Path directory, Consumer<String> progress) {
		this(image, directory, progress, SideWork.NONE);
	}

	/**
	 * Create a lab run with work beside the HTTP load (e.g. Kafka score events).
	 * @param image what the pods run
	 * @param directory where configuration and logs go (created)
	 * @param progress told of progress (events, summaries)
	 * @param sideWork started with the rollouts, stopped after them and settled before
	 * the pods go
	 */
	public LabRun(PodImage image, Path directory, Consumer<String> progress, SideWork sideWork) {
		this.image = image;
		this.directory = directory;
		this.progress = progress;
		this.sideWork = sideWork;
	}

	/**
	 * Execute the run.
	 * @param spec the run
	 * @return what it measured
	 * @throws InterruptedException if interrupted
	 */
	public RunResult execute(RunSpec spec) throws InterruptedException {
		createDirectory();
		this.progress.accept("== " + spec.describe() + " (" + this.directory + ")");
		LabClock clock = LabClock.start();
		EventLog events = new EventLog(clock, (event) -> this.progress.accept("   " + event));
		Scenario scenario = spec.scenario();
		LoadBalancerNodes layout = spec.nodes();
		List<String> names = new ArrayList<>();
		List<@Nullable String> sources = new ArrayList<>();
		for (int i = 0; i < layout.count(); i++) {
			names.add(layout.name(i));
			sources.add(layout.sourceAddress(i));
		}
		try (HaproxyNodes haproxy = HaproxyNodes.start(this.directory, spec.healthCheck(), names, sources);
				FakeTargetGroup fakeElbv2 = scenario.fakeElbv2() ? FakeTargetGroup.start(spec.deregistrationDelay())
						: null) {
			TargetGroupListener listener = spec.listener();
			List<String> jvmOptions = List.of();
			List<String> appArguments = new ArrayList<>(scenario.appArguments());
			appArguments.addAll(this.sideWork.appArguments(this.directory));
			if (fakeElbv2 != null) {
				this.progress
					.accept("   fake ELBv2 endpoint " + fakeElbv2.endpoint() + ", target group " + FakeTargetGroup.ARN);
				listener = fakeElbv2.andThen(new StatusSnapshots(this.directory, this.progress)).andThen(listener);
				jvmOptions = fakeElbv2.jvmOptions();
				List<String> all = new ArrayList<>(appArguments);
				all.addAll(fakeElbv2.appArguments());
				appArguments = List.copyOf(all);
			}
			List<LoadBalancerController.Node> nodes = new ArrayList<>();
			for (int i = 0; i < layout.count(); i++) {
				nodes.add(new LoadBalancerController.Node(names.get(i), haproxy.nodes().get(i).api(),
						layout.extraLags().get(i)));
			}
			LoadBalancerController loadBalancer = new LoadBalancerController(nodes, spec.healthCheck(), spec.lag(),
					spec.deregistrationDelay(), new Random(spec.seed()), events, listener);
			try (Deployment deployment = new Deployment(
					this.image.named(scenario.image()).template(jvmOptions, appArguments), scenario.preStop(),
					scenario.gracePeriod(), loadBalancer, events, this.directory)) {
				deployment.scaleTo(spec.pods());
				Load load = load(spec, haproxy, clock);
				load.start();
				events.record("-", Event.Kind.LOAD_STARTED, spec.locust() ? "Locust" : spec.traffic().label());
				LoadReport report;
				List<RolloutResult> rollouts = new ArrayList<>();
				try {
					sleep(spec.warmUp());
					this.sideWork.rolloutsStarting(haproxy.nodes().get(0).port());
					try {
						for (int i = 0; i < spec.rollouts(); i++) {
							rollouts.add(deployment.rollout());
						}
					}
					finally {
						this.sideWork.rolloutsFinished();
					}
					sleep(spec.coolDown());
				}
				finally {
					report = load.stop();
				}
				RunResult result = new RunResult(spec, report, rollouts, events.events(), haproxy.errors(),
						this.directory);
				// The pods still running finish the side work's backlog before they go.
				this.sideWork.settle(result);
				if (fakeElbv2 != null) {
					this.progress.accept("   fake ELBv2 answered " + fakeElbv2.describeTargetHealthCalls()
							+ " DescribeTargetHealth calls");
				}
				holdEnds().forEach((line) -> this.progress.accept("   " + line));
				write(result, clock.startedAt());
				this.progress.accept(result.summary());
				return result;
			}
		}
	}

	private Load load(RunSpec spec, HaproxyNodes haproxy, LabClock clock) {
		int port = haproxy.nodes().get(0).port();
		if (spec.locust()) {
			if (spec.nodes().multiple()) {
				throw new IllegalArgumentException("Locust sends to one load balancer node only, not --lb-nodes");
			}
			if (!spec.shape().equals("steady")) {
				throw new IllegalArgumentException("Locust sends steady traffic only, not " + spec.shape());
			}
			return LocustLoad.forRate(port, spec.rate(), this.directory);
		}
		List<TrafficSplit.Node> nodes = new ArrayList<>();
		for (int i = 0; i < spec.nodes().count(); i++) {
			nodes.add(new TrafficSplit.Node(spec.nodes().name(i), haproxy.nodes().get(i).port(),
					spec.nodes().weights().get(i)));
		}
		return new LoadGenerator(LoadOptions.of(port, spec.path(), spec.traffic()), new TrafficSplit(nodes), clock);
	}

	/**
	 * Return the "hold ended" lines of the pods' logs, prefixed with the pod name.
	 */
	private List<String> holdEnds() {
		List<String> lines = new ArrayList<>();
		try (Stream<Path> logs = Files.list(this.directory)) {
			List<Path> podLogs = logs.filter((file) -> file.getFileName().toString().matches("pod-\\d+\\.log"))
				.sorted()
				.toList();
			for (Path log : podLogs) {
				String pod = log.getFileName().toString().replace(".log", "");
				Files.readAllLines(log)
					.stream()
					.filter((line) -> line.contains("zdt: hold ended"))
					.forEach((line) -> lines.add(pod + ": " + line.substring(line.indexOf("zdt: hold ended"))));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			lines.add("pod logs unreadable: " + ex);
		}
		return lines;
	}

	private void createDirectory() {
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write(RunResult result, Instant startedAt) {
		StringBuilder text = new StringBuilder(result.summary()).append("\n\nevents (lab time 0 = ")
			.append(startedAt)
			.append("):\n");
		result.events().forEach((event) -> text.append(event).append('\n'));
		try {
			Files.writeString(this.directory.resolve("summary.txt"), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(Duration duration) throws InterruptedException {
		TimeUnit.MILLISECONDS.sleep(duration.toMillis());
	}

}
