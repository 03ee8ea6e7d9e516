package dev.zdt.integration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import dev.zdt.testsupport.elbv2.FakeElbv2Server.TargetHealth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines a hold logs reach the application's log when a SIGTERM started it, as when
 * the preStop call did: the JVM runs its shutdown hooks side by side, Spring's (which
 * holds) and java.util.logging's own, which removes every handler of every logger. Run
 * with zdt-aws against a fake ELBv2 API, whose "the load balancer has let go" line comes
 * in the middle of the hold, on Logback (the sample app) and on Log4j2
 * ({@code zdt-sample-app-log4j2}, Boot 4 only).
 */
class ShutdownLogIntegrationTests {

	private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/sample/0123456789abcdef";

	private static final String TARGET_IP = "10.0.12.34";

	private static final String LET_GO = "zdt: the load balancer has let go of this target";

	@ParameterizedTest(name = "{0}")
	@EnumSource(Logging.class)
	void linesLoggedDuringAHoldThatSigtermStartedReachTheLog(Logging logging) throws Exception {
		AtomicReference<String> targetState = new AtomicReference<>("healthy");
		try (FakeElbv2Server elb = FakeElbv2Server.start()) {
			elb.targetGroup(ARN, Duration.ofSeconds(60));
			elb.targetHealth((arn, ip, port) -> TargetHealth.of(targetState.get()));
			try (SampleApp app = SampleApp.start(SampleServer.TOMCAT, logging.jar(), "shutdown-log-" + logging.name(),
					List.of("-Daws.accessKeyId=x", "-Daws.secretAccessKey=y", "-Daws.disableEc2Metadata=true"),
					"--zdt.aws.endpoint=" + elb.endpoint(), "--zdt.aws.region=us-east-1",
					"--zdt.aws.target-group-arns=" + ARN, "--zdt.aws.target-ip=" + TARGET_IP,
					"--zdt.aws.poll-interval=1s", "--zdt.aws.propagation-margin=1s", "--zdt.drain.min-hold=2s",
					"--zdt.drain.max-hold=15s", "--spring.lifecycle.timeout-per-shutdown-phase=5s")) {
				app.awaitReady();
				targetState.set("draining");
				app.process().sigterm();
				int exitCode = app.process().awaitExit(Duration.ofSeconds(40));
				LogFile log = app.log();
				System.out.printf("%s: %s%n", logging, log.linesContaining("zdt:"));

				assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
				assertThat(log.linesContaining(DrainLog.DRAIN_STARTED)).as("%s", log)
					.singleElement()
					.asString()
					.contains("trigger=shutdown");
				assertThat(log.linesContaining(LET_GO)).as("zdt-aws's line in the middle of the hold; %s", log)
					.hasSize(1);
				assertThat(log.linesContaining(DrainLog.HOLD_ENDED)).as("%s", log)
					.singleElement()
					.asString()
					.contains("reason=target-draining");
				assertThat(log.indexOfLineContaining(LET_GO))
					.isLessThan(log.indexOfLineContaining(DrainLog.HOLD_ENDED));
			}
		}
	}

	/**
	 * The logging systems the sample app is tested with.
	 */
	enum Logging {

		/** Spring Boot's default. */
		LOGBACK("zdt.it.tomcat-jar"),

		/** {@code spring-boot-starter-log4j2}. */
		LOG4J2("zdt.it.tomcat-log4j2-jar");

		private final String jarProperty;

		Logging(String jarProperty) {
			this.jarProperty = jarProperty;
		}

		Path jar() {
			return SampleServer.variantJarAt(this.jarProperty);
		}

	}

}
