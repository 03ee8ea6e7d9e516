package dev.zdt.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import dev.zdt.testsupport.elbv2.FakeElbv2Server;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The AWS Load Balancer Controller's reads of one TargetGroupBinding (IP targets, pod
 * readiness gates), modelled on its {@code reconcileWithIPTargetType}:
 * <ul>
 * <li>every change of the Service's endpoints queues a reconcile; the work queue
 * coalesces the changes that arrive while one runs;</li>
 * <li>a reconcile reads the whole target group with one {@code DescribeTargetHealth}
 * ({@code ListTargets}), then deregisters the targets of the pods that left (they turn
 * {@code draining}) and registers the new ones ({@code initial});</li>
 * <li>while a registered pod's target is not {@code healthy} (its readiness gate is
 * open), it reconciles again after 15 s ({@code defaultRequeueDuration});</li>
 * <li>a throttled read is retried as the controller's Go SDK v2 standard retryer does: up
 * to 10 attempts ({@code --aws-max-retries}), a full-jitter back-off of
 * {@code rand × min(2^attempt s, 20 s)}; when every attempt fails the work queue retries
 * the reconcile after 1 s.</li>
 * </ul>
 * The mutating calls ({@code DeregisterTargets}, {@code RegisterTargets}) draw from
 * another bucket and are applied to the fake's state directly.
 */
final class SimulatedController implements Runnable, AutoCloseable {

	static final int MAX_ATTEMPTS = 10;

	static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

	static final Duration REQUEUE = Duration.ofSeconds(15);

	static final Duration FAILED_RECONCILE_REQUEUE = Duration.ofSeconds(1);

	/** ALB health checks: interval 5 s, healthy threshold 2. */
	static final Duration HEALTHY_AFTER = Duration.ofSeconds(10);

	private final FakeElbv2Server fake;

	private final ElasticLoadBalancingV2Client client;

	private final String targetGroupArn;

	private final int port;

	private final ConcurrentLinkedQueue<SimulatedPod> leaving = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<String> joining = new ConcurrentLinkedQueue<>();

	private final Map<String, Long> registeredAt = new ConcurrentHashMap<>();

	private final List<Long> deregistrationLags = new ArrayList<>();

	private final Thread thread;

	private volatile boolean stopped;

	private long requeueAt = Long.MAX_VALUE;

	int reconciles;

	int failedReconciles;

	SimulatedController(FakeElbv2Server fake, ElasticLoadBalancingV2Client client, String targetGroupArn, int port) {
		this.fake = fake;
		this.client = client;
		this.targetGroupArn = targetGroupArn;
		this.port = port;
		this.thread = new Thread(this, "simulated-controller");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	void endpointRemoved(SimulatedPod pod) {
		this.leaving.add(pod);
	}

	void endpointAdded(String ip) {
		this.joining.add(ip);
	}

	@Override
	public void run() {
		try {
			while (!this.stopped) {
				becomeHealthy(System.nanoTime());
				if (!this.leaving.isEmpty() || !this.joining.isEmpty() || System.nanoTime() >= this.requeueAt) {
					reconcile();
				}
				else {
					Thread.sleep(20);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void becomeHealthy(long now) {
		for (Iterator<Map.Entry<String, Long>> it = this.registeredAt.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Long> entry = it.next();
			if (now - entry.getValue() >= HEALTHY_AFTER.toNanos()) {
				this.fake.targetState(this.targetGroupArn, entry.getKey(), this.port, "healthy");
				it.remove();
			}
		}
	}

	private void reconcile() throws InterruptedException {
		List<SimulatedPod> left = new ArrayList<>();
		for (SimulatedPod pod; (pod = this.leaving.poll()) != null;) {
			left.add(pod);
		}
		List<String> joined = new ArrayList<>();
		for (String ip; (ip = this.joining.poll()) != null;) {
			joined.add(ip);
		}
		this.reconciles++;
		if (!listTargets()) {
			this.failedReconciles++;
			this.leaving.addAll(left);
			this.joining.addAll(joined);
			Thread.sleep(FAILED_RECONCILE_REQUEUE.toMillis());
			return;
		}
		long now = System.nanoTime();
		for (SimulatedPod pod : left) {
			this.fake.targetState(this.targetGroupArn, pod.ip, this.port, "draining");
			pod.drainingAtNanos = now;
			synchronized (this.deregistrationLags) {
				this.deregistrationLags.add(now - pod.drainStartedNanos);
			}
		}
		for (String ip : joined) {
			this.fake.targetState(this.targetGroupArn, ip, this.port, "initial");
			this.registeredAt.put(ip, now);
		}
		boolean anyNotHealthy = !this.registeredAt.isEmpty();
		this.requeueAt = anyNotHealthy ? now + REQUEUE.toNanos() : Long.MAX_VALUE;
	}

	private boolean listTargets() throws InterruptedException {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS && !this.stopped; attempt++) {
			try {
				this.client.describeTargetHealth((request) -> request.targetGroupArn(this.targetGroupArn));
				return true;
			}
			catch (AwsServiceException ex) {
				if (!ex.isThrottlingException()) {
					throw ex;
				}
				long ceiling = Math.min(Duration.ofSeconds(1L << Math.min(attempt, 10)).toMillis(),
						MAX_BACKOFF.toMillis());
				Thread.sleep((long) (ThreadLocalRandom.current().nextDouble() * ceiling));
			}
		}
		return false;
	}

	/**
	 * Returns how long after each pod's drain started the controller deregistered it.
	 */
	List<Long> deregistrationLags() {
		synchronized (this.deregistrationLags) {
			return List.copyOf(this.deregistrationLags);
		}
	}

	@Override
	public void close() {
		this.stopped = true;
		this.thread.interrupt();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.client.close();
	}

}
