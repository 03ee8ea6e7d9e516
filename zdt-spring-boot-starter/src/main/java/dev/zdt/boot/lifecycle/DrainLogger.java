package dev.zdt.boot.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.work.ShutdownParticipants;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Logs the moments an operator looks for: the drain started (and how long it will hold),
 * the hold ended (with the shutdown participants' work in progress), the drain was
 * cancelled, shutdown completed (with the work the participants left unfinished).
 * <p>
 * Where nothing shows that a load balancer may route to the application (no cloud
 * platform detected: a laptop, but also a virtual machine behind a load balancer), the
 * line at drain start also says how to skip the hold. zdt never skips it by itself: from
 * inside the process a laptop and a virtual machine whose load balancer or proxy connects
 * from the same host look the same.
 *
 * @since 0.1.0
 */
public final class DrainLogger implements DrainListener, DisposableBean {

	private static final Log logger = LogFactory.getLog("dev.zdt.Drain");

	private final boolean sayHowToSkipTheHold;

	private final Supplier<@Nullable ShutdownParticipants> participants;

	private volatile @Nullable ShutdownParticipants resolvedParticipants;

	private volatile @Nullable DrainStatus started;

	private volatile long startedNanos;

	/**
	 * Creates the logger.
	 * @param sayHowToSkipTheHold whether the line at drain start says how to skip the
	 * hold, for where nothing shows that a load balancer may route to the application
	 */
	public DrainLogger(boolean sayHowToSkipTheHold) {
		this(sayHowToSkipTheHold, () -> null);
	}

	/**
	 * Creates the logger.
	 * @param sayHowToSkipTheHold whether the line at drain start says how to skip the
	 * hold, for where nothing shows that a load balancer may route to the application
	 * @param participants supplies the shutdown participants whose work the lines name,
	 * or {@code null} for none
	 * @since 0.2.0
	 */
	public DrainLogger(boolean sayHowToSkipTheHold, Supplier<@Nullable ShutdownParticipants> participants) {
		this.sayHowToSkipTheHold = sayHowToSkipTheHold;
		this.participants = participants;
	}

	@Override
	public void drainStarted(DrainStatus drain) {
		// Looked up while the context is alive: the last line is written while it is
		// being destroyed.
		this.resolvedParticipants = this.participants.get();
		this.started = drain;
		this.startedNanos = System.nanoTime();
		logger.info(
				String.format("zdt: drain started (trigger=%s, strategy=%s, min-hold=%s, max-hold=%s, rate=%.1f req/s)",
						(drain.trigger() != null) ? drain.trigger().displayName() : "unknown", drain.strategy(),
						format(drain.minHold()), format(drain.maxHold()), drain.rateBeforeDrain()));
		if (!drain.maxHold().isZero()) {
			logger.info(holdAnnouncement(drain.minHold(), drain.maxHold()));
		}
	}

	private String holdAnnouncement(Duration minHold, Duration maxHold) {
		String span = minHold.equals(maxHold) ? format(maxHold) : format(minHold) + " to " + format(maxHold);
		String announcement = "zdt: the hold lasts " + span + " (zdt.drain.min-hold, zdt.drain.max-hold): this "
				+ "instance keeps serving until the load balancer has stopped routing here";
		if (this.sayHowToSkipTheHold) {
			announcement += ". No Kubernetes, ECS or other cloud platform detected: if no load balancer or proxy "
					+ "routes to this process (run on a laptop, say), zdt.drain.max-hold=0s skips the hold";
		}
		return announcement;
	}

	@Override
	public void holdEnded(DrainResult result) {
		HoldOutcome outcome = result.outcome();
		String detail = (outcome.detail() != null) ? ", " + outcome.detail() : "";
		logger.info(String.format("zdt: hold ended (reason=%s, held=%s, requests during hold=%d%s%s)", outcome.reason(),
				format(outcome.held()), outcome.requestsDuringHold(), detail,
				work("work in progress", ShutdownParticipants::inProgress)));
	}

	@Override
	public void drainCancelled(DrainCancellation cancellation) {
		if (cancellation == DrainCancellation.NO_SHUTDOWN_FOLLOWED) {
			logger.warn("zdt: no shutdown followed the drain within zdt.drain.cancel-after; the drain is undone and "
					+ "readiness accepts traffic again. Was the drain called by mistake?");
		}
		else {
			logger.info("zdt: drain cancelled; readiness accepts traffic again");
		}
		this.started = null;
	}

	@Override
	public void destroy() {
		if (this.started != null) {
			logger.info("zdt: shutdown complete (" + format(Duration.ofNanos(System.nanoTime() - this.startedNanos))
					+ " after the drain started" + work("work unfinished", ShutdownParticipants::unfinished) + ")");
		}
	}

	private String work(String label, Function<ShutdownParticipants, Map<String, Long>> counts) {
		ShutdownParticipants participants = this.resolvedParticipants;
		if (participants == null || participants.names().isEmpty()) {
			return "";
		}
		Map<String, Long> byName = counts.apply(participants);
		if (byName.isEmpty()) {
			return "";
		}
		return ", " + label + ": "
				+ byName.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(", "));
	}

	static String format(Duration duration) {
		return String.format("%.3fs", duration.toNanos() / 1e9);
	}

}
