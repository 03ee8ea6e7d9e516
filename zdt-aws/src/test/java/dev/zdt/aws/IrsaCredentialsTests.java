package dev.zdt.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IRSA as EKS sets it up (a projected token file and a role ARN): the SDK exchanges the
 * token with STS, which needs the {@code sts} module that zdt-aws brings, and signs the
 * ELBv2 calls with the session credentials. STS and ELBv2 are local stand-ins.
 */
class IrsaCredentialsTests {

	private static final String ROLE = "arn:aws:iam::123456789012:role/zdt-sample-app";

	private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-zdtdemo-sample-6b2a4c1d2e/73e2d6bc24d8a067";

	private static final List<String> PROPERTIES = List.of("aws.webIdentityTokenFile", "aws.roleArn",
			"aws.roleSessionName", "aws.region", "aws.endpointUrlSts");

	private final List<String> stsRequests = new CopyOnWriteArrayList<>();

	private HttpServer sts;

	@BeforeEach
	void startFakeSts() throws IOException {
		this.sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.sts.createContext("/", this::assumeRoleWithWebIdentity);
		this.sts.start();
	}

	@AfterEach
	void stopFakeStsAndClearSettings() {
		this.sts.stop(0);
		PROPERTIES.forEach(System::clearProperty);
	}

	@Test
	void webIdentityTokenIsExchangedForSessionCredentialsThatSignTheTargetHealthCalls(@TempDir Path directory)
			throws IOException {
		Path token = Files.writeString(directory.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.zdt-projected-token.sig");
		Map.of("aws.webIdentityTokenFile", token.toString(), "aws.roleArn", ROLE, "aws.roleSessionName", "zdt",
				"aws.region", "eu-west-1", "aws.endpointUrlSts", "http://127.0.0.1:" + this.sts.getAddress().getPort())
			.forEach(System::setProperty);
		try (FakeElbv2Server elb = FakeElbv2Server.start();
				WebIdentityTokenFileCredentialsProvider credentials = WebIdentityTokenFileCredentialsProvider.create();
				ElasticLoadBalancingV2Client client = ElasticLoadBalancingV2Client.builder()
					.endpointOverride(elb.endpoint())
					.region(Region.EU_WEST_1)
					.credentialsProvider(credentials)
					.build()) {
			elb.targetGroup(ARN, Duration.ofSeconds(75));
			client.describeTargetGroupAttributes((request) -> request.targetGroupArn(ARN));
			assertThat(this.stsRequests).singleElement()
				.asString()
				.contains("Action=AssumeRoleWithWebIdentity")
				.contains("zdt-projected-token");
			assertThat(elb.requests()).singleElement()
				.satisfies((request) -> assertThat(request).containsEntry("_securityToken", "zdt-session-token")
					.hasEntrySatisfying("_authorization",
							(authorization) -> assertThat(authorization).contains("Credential=ASIAZDTSESSION/")));
		}
	}

	private void assumeRoleWithWebIdentity(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.stsRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
			byte[] body = ("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
					+ "<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAZDTSESSION</AccessKeyId>"
					+ "<SecretAccessKey>zdt-session-secret</SecretAccessKey><SessionToken>zdt-session-token</SessionToken>"
					+ "<Expiration>" + expiration + "</Expiration></Credentials>"
					+ "<SubjectFromWebIdentityToken>system:serviceaccount:zdt-demo:zdt-sample-app</SubjectFromWebIdentityToken>"
					+ "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/zdt-sample-app/zdt</Arn>"
					+ "<AssumedRoleId>AROAZDTEXAMPLE:zdt</AssumedRoleId></AssumedRoleUser>"
					+ "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>"
					+ "c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>"
					+ "</AssumeRoleWithWebIdentityResponse>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/xml");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
