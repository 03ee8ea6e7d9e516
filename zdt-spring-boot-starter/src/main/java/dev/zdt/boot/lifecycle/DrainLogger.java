package dev.zdt.boot.lifecycle;

import java.time.Duration;

import dev.zdt.core.DrainCancellation;
import dev.zdt.core.DrainListener;
import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainStatus;
import dev.zdt.core.hold.HoldOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Logs the moments an operator looks for: the drain started, the hold ended, the drain
 * was cancelled, shutdown completed.
 *
 * @since 0.1.0
 */
public final class DrainLogger implements DrainListener, DisposableBean {

	private static final Log logger = LogFactory.getLog("dev.zdt.Drain");

	private volatile @Nullable DrainStatus started;

	private volatile long startedNanos;

	@Override
	public void drainStarted(DrainStatus drain) {
		this.started = drain;
		this.startedNanos = System.nanoTime();
		logger.info(
				String.format("zdt: drain started (trigger=%s, strategy=%s, min-hold=%s, max-hold=%s, rate=%.1f req/s)",
						(drain.trigger() != null) ? drain.trigger().displayName() : "unknown", drain.strategy(),
						format(drain.minHold()), format(drain.maxHold()), drain.rateBeforeDrain()));
	}

	@Override
	public void holdEnded(DrainResult result) {
		HoldOutcome outcome = result.outcome();
		String detail = (outcome.detail() != null) ? ", " + outcome.detail() : "";
		logger.info(String.format("zdt: hold ended (reason=%s, held=%s, requests during hold=%d%s)", outcome.reason(),
				format(outcome.held()), outcome.requestsDuringHold(), detail));
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
					+ " after the drain started)");
		}
	}

	static String format(Duration duration) {
		return String.format("%.3fs", duration.toNanos() / 1e9);
	}

}
