package dev.zdt.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the sample app as {@code java -jar} would, outside the TestContext framework, so
 * that closing it runs zdt's drain as a SIGTERM does: a hold of at most a second, then
 * the shutdown.
 */
public final class SampleAppRunner {

	private SampleAppRunner() {
	}

	/**
	 * Starts the app on free ports.
	 * @param args command line arguments, e.g.
	 * {@code --sample.score-events.enabled=true}, which win over the environment's
	 * @return the running app, for the caller to close
	 */
	public static ConfigurableApplicationContext run(String... args) {
		List<String> all = new ArrayList<>(
				List.of("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
						"--zdt.drain.strategy=fixed", "--zdt.drain.delay=1s", "--zdt.drain.min-hold=0s",
						"--zdt.drain.max-hold=1s", "--spring.lifecycle.timeout-per-shutdown-phase=10s"));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(SampleApplication.class).run(all.toArray(String[]::new));
	}

}
