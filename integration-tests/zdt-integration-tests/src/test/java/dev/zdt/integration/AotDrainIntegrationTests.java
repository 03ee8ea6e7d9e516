package dev.zdt.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.zdt.testsupport.http.HttpConnection;
import dev.zdt.testsupport.http.HttpResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app processed ahead of time by Spring AOT ({@code zdt-sample-app-aot}) and
 * run on the JVM with {@code -Dspring.aot.enabled=true}: the bean definitions are the
 * generated ones, fixed at build time, and zdt still drains as it does without AOT. The
 * same build writes the runtime hints of a native image, zdt's among them. (A GraalVM
 * native image cannot be built on this machine; the hints are tested in the starter.)
 */
class AotDrainIntegrationTests {

	private static final String AOT_JAR = "zdt.it.tomcat-aot-jar";

	private static final Duration HOLD = Duration.ofSeconds(3);

	@Test
	void anAotProcessedAppHoldsThenClosesTheIdleKeepAliveConnectionsAndExits() throws Exception {
		try (SampleApp app = SampleApp.start(SampleServer.TOMCAT, SampleServer.variantJarAt(AOT_JAR), "aot",
				List.of("-Dspring.aot.enabled=true"), "--zdt.drain.strategy=fixed",
				"--zdt.drain.delay=" + HOLD.toSeconds() + "s", "--zdt.drain.min-hold=0s",
				"--zdt.drain.max-hold=" + HOLD.toSeconds() + "s", "--spring.lifecycle.timeout-per-shutdown-phase=5s")) {
			app.awaitReady();
			assertThat(app.log().linesContaining("Starting AOT-processed SampleApplication"))
				.as("started from the generated bean definitions; %s", app.log())
				.hasSize(1);
			try (HttpConnection idle = HttpConnection.open(app.appPort(), SampleApp.REQUEST_TIMEOUT)) {
				HttpResult beforeDrain = idle.get("/api/work?ms=1");
				assertThat(beforeDrain.status()).isEqualTo(200);
				assertThat(beforeDrain.connectionClose()).isFalse();

				app.process().sigterm();
				DrainLog.awaitDrainStarted(app.log(), Duration.ofSeconds(5));
				HttpResult duringHold = app.app("/api/work?ms=1");
				DrainLog.awaitHoldEnded(app.log(), HOLD.plusSeconds(10));
				assertThat(idle.closedByServer(Duration.ofSeconds(5)))
					.as("the idle keep-alive connection closed at the end of the hold")
					.isTrue();
				assertThat(duringHold.status()).as("%s", duringHold).isEqualTo(200);
				assertThat(duringHold.connectionClose()).as("Connection: close during the hold: %s", duringHold)
					.isTrue();
			}
			assertThat(app.process().awaitExit(Duration.ofSeconds(30))).as("exit code after SIGTERM").isEqualTo(143);
			assertThat(app.log().linesContaining("zdt: closed 1 idle keep-alive connection(s)"))
				.as("Tomcat's connections reached; %s", app.log())
				.hasSize(1);
			assertThat(app.log().linesContaining("cannot reach Tomcat's connections")).isEmpty();
			DrainLog.assertOneDrainThenGracefulShutdown(app.log(), "shutdown");
		}
	}

	@Test
	void theAotBuildWritesZdtsRuntimeHintsForANativeImage() throws IOException {
		Path jar = SampleServer.variantJarAt(AOT_JAR);
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			ZipEntry metadata = zip.stream()
				.filter((entry) -> entry.getName().contains("META-INF/native-image/")
						&& entry.getName().endsWith("/reachability-metadata.json"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No reachability-metadata.json in " + jar));
			String hints = new String(zip.getInputStream(metadata).readAllBytes(), StandardCharsets.UTF_8);
			assertThat(hints).as("Tomcat's AbstractProtocol.getEndpoint(), which zdt invokes reflectively")
				.containsPattern(
						"\"type\":\\s*\"org.apache.coyote.AbstractProtocol\",\\s*\"methods\":\\s*\\[\\s*\\{\\s*"
								+ "\"name\":\\s*\"getEndpoint\"");
		}
	}

}
