package dev.zdt.core.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.hold.TrafficQuietStrategy;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.traffic.TrafficMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoldTests {

	private static final Duration CHECK = Duration.ofMillis(100);

	private final ManualTicker ticker = new ManualTicker();

	private final TrafficMonitor traffic = new TrafficMonitor(this.ticker);

	private final TrafficQuietStrategy adaptive = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	@Test
	void fixedDelayHoldsExactlyTheDelay() {
		HoldOutcome outcome = hold(new FixedDelayStrategy(Duration.ofSeconds(20)), Duration.ZERO,
				Duration.ofSeconds(60));
		assertThat(outcome.reason()).isEqualTo("delay");
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void maxHoldEndsAHoldWhoseStrategyNeverReleases() {
		HoldOutcome outcome = hold(new FixedDelayStrategy(Duration.ofHours(1)), Duration.ZERO,
				Duration.ofMillis(30_050));
		assertThat(outcome.reason()).isEqualTo("max-hold");
		assertThat(outcome.held()).isEqualTo(Duration.ofMillis(30_050));
	}

	@Test
	void aStrategyThatFailsToStartHoldsToTheMaximumAndKeepsItsFailure() {
		HoldStrategy failsToStart = new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				throw new IllegalStateException("no client");
			}

			@Override
			public String name() {
				return "broken";
			}

		};
		Hold hold = new Hold(failsToStart, new HoldBounds(Duration.ZERO, Duration.ofSeconds(30), CHECK), this.traffic,
				this.ticker);
		assertThat(hold.evidence()).isEmpty();
		HoldOutcome outcome = hold.run();
		assertThat(outcome.reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(30));
		assertThat(hold.failure()).hasMessage("no client");
	}

	@Test
	void aZeroMaxHoldEndsAtOnceWithoutStartingTheStrategyOrAFailure() {
		AtomicInteger starts = new AtomicInteger();
		CountDownLatch never = new CountDownLatch(1);
		HoldStrategy slowToStart = new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				starts.incrementAndGet();
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return (evaluated) -> HoldDecision.release("started");
			}

			@Override
			public String name() {
				return "slow";
			}

		};
		Hold hold = new Hold(slowToStart, new HoldBounds(Duration.ZERO, Duration.ZERO, CHECK), this.traffic,
				this.ticker);
		HoldOutcome outcome = hold.run();
		assertThat(outcome.reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(outcome.held()).isZero();
		assertThat(hold.failure()).isNull();
		assertThat(starts).hasValue(0);
	}

	@Test
	void minHoldDelaysARelease() {
		arrive(600, Duration.ofSeconds(30));
		HoldOutcome outcome = hold(this.adaptive, Duration.ofSeconds(5), Duration.ofSeconds(30));
		assertThat(outcome.reason()).isEqualTo("traffic-quiet");
		assertThat(outcome.held()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void adaptiveAtHighTrafficEndsWithinASecondOrTwoOfTheLoadBalancerLettingGo() {
		arrive(600, Duration.ofSeconds(30));
		routeWhileDraining(600, Duration.ofSeconds(15));
		HoldOutcome outcome = hold(this.adaptive, Duration.ofSeconds(2), Duration.ofSeconds(30));
		assertThat(outcome.reason()).isEqualTo("traffic-quiet");
		assertThat(outcome.held()).isBetween(Duration.ofSeconds(16), Duration.ofMillis(17_500));
		assertThat(outcome.requestsDuringHold()).isBetween(8_900L, 9_100L);
	}

	@Test
	void adaptiveAtOneRequestPerSecondOutlastsFifteenSecondsOfRouting() {
		arrive(1, Duration.ofSeconds(30));
		routeWhileDraining(1, Duration.ofSeconds(15));
		HoldOutcome outcome = hold(this.adaptive, Duration.ofSeconds(2), Duration.ofSeconds(30));
		assertThat(outcome.held()).isGreaterThan(Duration.ofSeconds(15));
		assertThat(outcome.requestsDuringHold()).isBetween(14L, 15L);
	}

	@Test
	void adaptiveWithoutAnyTrafficRunsToTheMaximum() {
		HoldOutcome outcome = hold(this.adaptive, Duration.ofSeconds(2), Duration.ofSeconds(30));
		assertThat(outcome.reason()).isEqualTo("max-hold");
	}

	@Test
	void interruptEndsTheHoldAndKeepsTheInterruptFlag() {
		Thread.currentThread().interrupt();
		try {
			HoldOutcome outcome = hold(new FixedDelayStrategy(Duration.ofSeconds(20)), Duration.ZERO,
					Duration.ofSeconds(60));
			assertThat(outcome.reason()).isEqualTo("interrupted");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private HoldOutcome hold(HoldStrategy strategy, Duration min, Duration max) {
		return new Hold(strategy, new HoldBounds(min, max, CHECK), this.traffic, this.ticker).run();
	}

	/** Requests arrive evenly at the given rate for the given time, before the drain. */
	private void arrive(int perSecond, Duration duration) {
		long gap = 1_000_000_000L / perSecond;
		long end = this.ticker.nanos() + duration.toNanos();
		while (this.ticker.nanos() < end) {
			this.traffic.requestStarted();
			this.traffic.requestFinished();
			this.ticker.advance(Duration.ofNanos(gap));
		}
	}

	/**
	 * The load balancer keeps sending the same rate for the given time after the drain
	 * starts.
	 */
	private void routeWhileDraining(int perSecond, Duration routing) {
		long gap = 1_000_000_000L / perSecond;
		long drainStart = this.ticker.nanos();
		long[] next = { drainStart };
		this.ticker.onSleep((now) -> {
			while (next[0] <= now && next[0] < drainStart + routing.toNanos()) {
				this.traffic.requestStarted();
				this.traffic.requestFinished();
				next[0] += gap;
			}
		});
	}

}
