package dev.zdt.aws;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Logs each kind of fault once, however often it happens, and remembers the last one
 * until the load balancer answers again.
 */
final class FaultLog {

	private final Logger logger;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Fault last;

	FaultLog(Logger logger) {
		this.logger = logger;
	}

	void report(String operation, Fault fault) {
		this.last = fault;
		if (this.logged.add(fault.kind())) {
			String consequence = fault.permanent() ? "zdt stops asking the load balancer"
					: fault.isThrottling()
							? "zdt asks again after a back-off, and a hold stops asking after zdt.aws.throttle-retries "
									+ "throttled rounds in a row"
							: "zdt keeps asking every poll interval";
			this.logger.log(Level.WARNING,
					"zdt: " + operation + " failed: " + fault.message() + ". The drain falls back on the other hold "
							+ "strategies and the maximum hold; " + consequence + ". Fix: " + fault.fix()
							+ ". (Logged once.)");
		}
	}

	void recovered() {
		this.last = null;
	}

	@Nullable Fault last() {
		return this.last;
	}

}
