package dev.zdt.lab.rollout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.zdt.lab.pod.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FakeTargetGroup}: the fake ELBv2 endpoint reports targets as the lab's
 * load balancer controller sees them.
 *
 * @author zdt
 */
class FakeTargetGroupTests {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void targetFollowsTheLoadBalancerControllerFromRegistrationToRemoval(@TempDir Path logs) throws Exception {
		Pod pod = Pod.start("pod-1", (port, managementPort) -> List.of("sleep", "30"), logs);
		try (FakeTargetGroup group = FakeTargetGroup.start(Duration.ofSeconds(300))) {
			assertThat(state(group, FakeTargetGroup.ARN, "127.0.0.1", pod.port())).isEqualTo("unused");
			group.registered(pod);
			assertThat(state(group, FakeTargetGroup.ARN, "127.0.0.1", pod.port())).isEqualTo("initial");
			group.healthy(pod);
			assertThat(state(group, FakeTargetGroup.ARN, "127.0.0.1", pod.port())).isEqualTo("healthy");
			group.draining(pod);
			String draining = describeTargetHealth(group, FakeTargetGroup.ARN, "127.0.0.1", pod.port());
			assertThat(draining).contains("<State>draining</State>")
				.contains("<Reason>Target.DeregistrationInProgress</Reason>");
			group.removed(pod);
			assertThat(describeTargetHealth(group, FakeTargetGroup.ARN, "127.0.0.1", pod.port()))
				.contains("<State>unused</State>")
				.contains("<Reason>Target.NotRegistered</Reason>");
			assertThat(group.describeTargetHealthCalls()).isEqualTo(5);
		}
		finally {
			pod.destroy();
		}
	}

	@Test
	void onlyTheLabTargetGroupOnLoopbackKnowsTheTargets() {
		try (FakeTargetGroup group = FakeTargetGroup.start(Duration.ofSeconds(300))) {
			group.target(8080, "healthy");
			group.target(8081, "draining");
			assertThat(group.health(FakeTargetGroup.ARN, "127.0.0.1", 8080)).extracting("state").isEqualTo("healthy");
			assertThat(group.health(FakeTargetGroup.ARN, "127.0.0.1", 8081)).extracting("state").isEqualTo("draining");
			assertThat(group.health(FakeTargetGroup.ARN, "127.0.0.1", 8082)).isNull();
			assertThat(group.health(FakeTargetGroup.ARN, "10.0.0.1", 8080)).isNull();
			assertThat(group.health(FakeTargetGroup.ARN.replace("zdt-lab", "other"), "127.0.0.1", 8080)).isNull();
			group.remove(8080);
			assertThat(group.health(FakeTargetGroup.ARN, "127.0.0.1", 8080)).isNull();
		}
	}

	@Test
	void podsArePointedAtTheFakeEndpointOnLoopbackWithTheirOwnPortAsTarget() throws Exception {
		try (FakeTargetGroup group = FakeTargetGroup.start(Duration.ofSeconds(42))) {
			assertThat(group.endpoint().getHost()).isEqualTo("127.0.0.1");
			assertThat(group.appArguments()).containsExactly("--zdt.aws.endpoint=" + group.endpoint(),
					"--zdt.aws.region=us-east-1", "--zdt.aws.target-group-arns=" + FakeTargetGroup.ARN,
					"--zdt.aws.target-ip=127.0.0.1", "--zdt.aws.target-port=${server.port}",
					"--management.endpoint.zdt.show-details=always");
			assertThat(group.jvmOptions()).contains("-Daws.accessKeyId=x", "-Daws.secretAccessKey=y");
			String attributes = post(group, "Action=DescribeTargetGroupAttributes&Version=2015-12-01&TargetGroupArn="
					+ URLEncoder.encode(FakeTargetGroup.ARN, StandardCharsets.UTF_8))
				.body();
			assertThat(attributes).contains("<Key>deregistration_delay.timeout_seconds</Key><Value>42</Value>");
		}
	}

	@Test
	void listenersCombinedWithAndThenHearEveryChangeInOrder(@TempDir Path logs) {
		Pod pod = Pod.start("pod-7", (port, managementPort) -> List.of("sleep", "30"), logs);
		try (FakeTargetGroup first = FakeTargetGroup.start(Duration.ofSeconds(300));
				FakeTargetGroup second = FakeTargetGroup.start(Duration.ofSeconds(300))) {
			TargetGroupListener both = first.andThen(second);
			both.registered(pod);
			both.healthy(pod);
			both.draining(pod);
			assertThat(first.health(FakeTargetGroup.ARN, "127.0.0.1", pod.port())).extracting("state")
				.isEqualTo("draining");
			assertThat(second.health(FakeTargetGroup.ARN, "127.0.0.1", pod.port())).extracting("state")
				.isEqualTo("draining");
			both.removed(pod);
			assertThat(first.health(FakeTargetGroup.ARN, "127.0.0.1", pod.port())).isNull();
			assertThat(second.health(FakeTargetGroup.ARN, "127.0.0.1", pod.port())).isNull();
		}
		finally {
			pod.destroy();
		}
	}

	private String state(FakeTargetGroup group, String arn, String ip, int port) throws Exception {
		String xml = describeTargetHealth(group, arn, ip, port);
		int start = xml.indexOf("<State>") + "<State>".length();
		return xml.substring(start, xml.indexOf("</State>", start));
	}

	private String describeTargetHealth(FakeTargetGroup group, String arn, String ip, int port) throws Exception {
		HttpResponse<String> response = post(group,
				"Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn="
						+ URLEncoder.encode(arn, StandardCharsets.UTF_8) + "&Targets.member.1.Id=" + ip
						+ "&Targets.member.1.Port=" + port);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> post(FakeTargetGroup group, String form) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(group.endpoint() + "/"))
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
