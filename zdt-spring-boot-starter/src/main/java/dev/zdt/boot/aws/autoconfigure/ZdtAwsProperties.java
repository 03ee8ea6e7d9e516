package dev.zdt.boot.aws.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the AWS target health hold strategy. Validated once bound: a value
 * that cannot work fails startup with a message naming the property and the fix.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("zdt.aws")
public class ZdtAwsProperties implements InitializingBean {

	/**
	 * Whether to ask the ALB for this pod's target health during the hold. By default,
	 * when running in Kubernetes (as Spring Boot detects it, see
	 * spring.main.cloud-platform) with an AWS region known (zdt.aws.region, AWS_REGION,
	 * profile file), or when zdt.aws.target-group-arns or zdt.aws.endpoint is set.
	 */
	private @Nullable Boolean enabled;

	/**
	 * IP address of this pod's target. Defaults to the POD_IP environment variable, then
	 * to the pod's IP read from the Kubernetes API.
	 */
	private @Nullable String targetIp;

	/**
	 * Port of this pod's target. Defaults to the application's port (server.port). A
	 * target group that has the pod only under one other port is asked about that port.
	 */
	private @Nullable Integer targetPort;

	/**
	 * Comma-separated list of ARNs of the target groups the pod is registered in. When
	 * empty, they are found through the Kubernetes API from the pod's readiness gates.
	 */
	private List<String> targetGroupArns = new ArrayList<>();

	/**
	 * Whether to find the target groups through the Kubernetes API (get pods, get
	 * targetgroupbindings) when zdt.aws.target-group-arns is empty.
	 */
	private boolean kubernetesDiscovery = true;

	/**
	 * Name of this pod, for the discovery. Defaults to the HOSTNAME environment variable.
	 */
	private @Nullable String podName;

	/**
	 * Time between two DescribeTargetHealth calls during the hold.
	 */
	private Duration pollInterval = Duration.ofSeconds(2);

	/**
	 * Time from the start of the hold to its first DescribeTargetHealth call, jittered by
	 * ±50 %: the ALB cannot report the target draining before the AWS Load Balancer
	 * Controller has deregistered it. Never longer than half the deregistration delay. 0s
	 * asks at once.
	 */
	private Duration firstPollDelay = Duration.ofSeconds(3);

	/**
	 * Most DescribeTargetHealth rounds one hold makes before it leaves the decision to
	 * the traffic evidence and the maximum hold.
	 */
	private int maxPollsPerHold = 12;

	/**
	 * Throttled DescribeTargetHealth rounds in a row after which a hold takes the ELBv2
	 * API as not answering and stops asking. Each throttled round makes every call of the
	 * process wait a full-jitter back-off first.
	 */
	private int throttleRetries = 2;

	/**
	 * How long to keep holding once the ALB reports the target draining, while its nodes
	 * catch up, when the traffic cannot tell: a silence of every source ends the hold
	 * sooner, and a source still sending after draining keeps it longer.
	 */
	private Duration propagationMargin = Duration.ofSeconds(5);

	/**
	 * Time-out of one ELBv2 API call, retries included, and of one Kubernetes API
	 * request.
	 */
	private Duration apiCallTimeout = Duration.ofSeconds(2);

	/**
	 * Time-out of one attempt of an ELBv2 API call.
	 */
	private Duration apiCallAttemptTimeout = Duration.ofSeconds(1);

	/**
	 * AWS region of the load balancer. Defaults to the AWS SDK's region chain
	 * (AWS_REGION, profile file, instance metadata).
	 */
	private @Nullable String region;

	/**
	 * ELBv2 endpoint to call instead of the region's, such as a VPC endpoint.
	 */
	private @Nullable URI endpoint;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getTargetIp() {
		return this.targetIp;
	}

	public void setTargetIp(@Nullable String targetIp) {
		this.targetIp = targetIp;
	}

	public @Nullable Integer getTargetPort() {
		return this.targetPort;
	}

	public void setTargetPort(@Nullable Integer targetPort) {
		this.targetPort = targetPort;
	}

	public List<String> getTargetGroupArns() {
		return this.targetGroupArns;
	}

	public void setTargetGroupArns(List<String> targetGroupArns) {
		this.targetGroupArns = targetGroupArns;
	}

	public boolean isKubernetesDiscovery() {
		return this.kubernetesDiscovery;
	}

	public void setKubernetesDiscovery(boolean kubernetesDiscovery) {
		this.kubernetesDiscovery = kubernetesDiscovery;
	}

	public @Nullable String getPodName() {
		return this.podName;
	}

	public void setPodName(@Nullable String podName) {
		this.podName = podName;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getFirstPollDelay() {
		return this.firstPollDelay;
	}

	public void setFirstPollDelay(Duration firstPollDelay) {
		this.firstPollDelay = firstPollDelay;
	}

	public int getMaxPollsPerHold() {
		return this.maxPollsPerHold;
	}

	public void setMaxPollsPerHold(int maxPollsPerHold) {
		this.maxPollsPerHold = maxPollsPerHold;
	}

	public int getThrottleRetries() {
		return this.throttleRetries;
	}

	public void setThrottleRetries(int throttleRetries) {
		this.throttleRetries = throttleRetries;
	}

	public Duration getPropagationMargin() {
		return this.propagationMargin;
	}

	public void setPropagationMargin(Duration propagationMargin) {
		this.propagationMargin = propagationMargin;
	}

	public Duration getApiCallTimeout() {
		return this.apiCallTimeout;
	}

	public void setApiCallTimeout(Duration apiCallTimeout) {
		this.apiCallTimeout = apiCallTimeout;
	}

	public Duration getApiCallAttemptTimeout() {
		return this.apiCallAttemptTimeout;
	}

	public void setApiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
		this.apiCallAttemptTimeout = apiCallAttemptTimeout;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public void afterPropertiesSet() {
		ZdtAwsPropertiesValidator.validate(this);
	}

}
