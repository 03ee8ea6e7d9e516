package dev.zdt.fleet;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.zdt.testsupport.elbv2.DescribeTokenBucket;
import dev.zdt.testsupport.elbv2.FakeElbv2Server;

/**
 * Lets the account's token bucket decide each call, and counts the calls and the
 * throttled ones of zdt and of the controller apart, told by their access key.
 */
final class CallCounter implements FakeElbv2Server.Admission {

	static final String CONTROLLER_KEY = "AKIALBCONTROLLER";

	static final String POD_KEY = "AKIAZDTPOD";

	private final DescribeTokenBucket bucket;

	final AtomicLong zdtCalls = new AtomicLong();

	final AtomicLong zdtThrottled = new AtomicLong();

	final AtomicLong controllerCalls = new AtomicLong();

	final AtomicLong controllerThrottled = new AtomicLong();

	CallCounter(DescribeTokenBucket bucket) {
		this.bucket = bucket;
	}

	@Override
	public boolean admit(Map<String, String> request) {
		boolean controller = String.valueOf(request.get("_authorization")).contains("Credential=" + CONTROLLER_KEY);
		boolean admitted = this.bucket.admit(request);
		(controller ? this.controllerCalls : this.zdtCalls).incrementAndGet();
		if (!admitted) {
			(controller ? this.controllerThrottled : this.zdtThrottled).incrementAndGet();
		}
		return admitted;
	}

}
