package dev.zdt.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.ManualTicker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DrainCancellationTests {

	private static final Duration CANCEL_AFTER = Duration.ofMinutes(5);

	private final ManualTicker ticker = new ManualTicker();

	private final Gate gate = new Gate();

	private final Events events = new Events(this.ticker);

	private DrainCoordinator coordinator(Duration cancelAfter) {
		return DrainCoordinator.builder()
			.strategy(this.gate)
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(100)))
			.ticker(this.ticker)
			.listener(this.events)
			.cancelAfter(cancelAfter)
			.holdThreads((task) -> {
				Thread thread = new Thread(task, "zdt-test");
				thread.setDaemon(true);
				return thread;
			})
			.build();
	}

	@Test
	void cancelAfterTheHoldServesAgainAndTellsListeners() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		this.gate.open();
		coordinator.startDrain(DrainTrigger.ENDPOINT).get(10, TimeUnit.SECONDS);
		assertThat(coordinator.cancel()).isTrue();
		assertThat(coordinator.state()).isEqualTo(DrainState.SERVING);
		assertThat(coordinator.isDraining()).isFalse();
		assertThat(this.events.names).containsExactly("started", "ended", "cancelled:requested");
	}

	@Test
	void aDrainAfterACancelIsJudgedByAFreshEvaluator() throws Exception {
		List<Integer> released = new CopyOnWriteArrayList<>();
		HoldStrategy onceReleasedPerHold = new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				AtomicInteger asked = new AtomicInteger();
				int hold = released.size() + 1;
				return (now) -> {
					// Releases at the second check of each hold: a reused evaluator would
					// release at once.
					if (asked.incrementAndGet() < 2) {
						return HoldDecision.keepHolding();
					}
					released.add(hold);
					return HoldDecision.release("second-check");
				};
			}

			@Override
			public String name() {
				return "fresh";
			}

		};
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(onceReleasedPerHold)
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(100)))
			.ticker(this.ticker)
			.build();
		assertThat(coordinator.drain(DrainTrigger.ENDPOINT).outcome().reason()).isEqualTo("second-check");
		assertThat(coordinator.cancel()).isTrue();
		DrainResult second = coordinator.drain(DrainTrigger.ENDPOINT);
		assertThat(second.outcome().reason()).isEqualTo("second-check");
		assertThat(second.outcome().held()).isEqualTo(Duration.ofMillis(100));
		assertThat(released).containsExactly(1, 2);
	}

	@Test
	void cancelWhileHoldingChangesNothing() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		CompletableFuture<DrainResult> result = coordinator.startDrain(DrainTrigger.ENDPOINT);
		assertThat(coordinator.cancel()).isFalse();
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINING);
		this.gate.open();
		result.get(10, TimeUnit.SECONDS);
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
	}

	@Test
	void cancelAfterShutdownHasPassedTheHoldChangesNothing() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		this.gate.open();
		coordinator.drain(DrainTrigger.ENDPOINT);
		coordinator.stopping();
		assertThat(coordinator.cancel()).isFalse();
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(this.events.names).doesNotContain("cancelled:requested");
	}

	@Test
	void cancelOnceShutdownHasJoinedTheDrainChangesNothing() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		this.gate.open();
		DrainResult result = coordinator.drain(DrainTrigger.ENDPOINT);
		// SIGTERM after the preStop call: shutdown joins the drain whose hold has ended,
		// and goes on (to the lifecycle stop that marks it stopping) a moment later.
		assertThat(coordinator.drain(DrainTrigger.SHUTDOWN)).isSameAs(result);
		assertThat(coordinator.cancel()).isFalse();
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
		assertThat(coordinator.drain(DrainTrigger.SHUTDOWN)).as("no second hold").isSameAs(result);
		assertThat(this.events.names).containsExactly("started", "ended");
	}

	@Test
	void cancelAfterTheHoldOfADrainStartedByShutdownChangesNothing() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		this.gate.open();
		DrainResult result = coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(coordinator.cancel()).isFalse();
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
		assertThat(coordinator.drain(DrainTrigger.SHUTDOWN)).as("no second hold").isSameAs(result);
		assertThat(this.events.names).containsExactly("started", "ended");
	}

	@Test
	void watchdogLeavesADrainThatShutdownHasJoined() throws Exception {
		DrainCoordinator coordinator = coordinator(CANCEL_AFTER);
		this.gate.open();
		coordinator.drain(DrainTrigger.SHUTDOWN);
		awaitWatchdogGone();
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
		assertThat(this.events.names).containsExactly("started", "ended");
	}

	@Test
	void cancelWhenServingChangesNothing() {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		assertThat(coordinator.cancel()).isFalse();
		assertThat(this.events.names).isEmpty();
	}

	@Test
	void aTriggerAfterACancelStartsANewDrainWithANewHold() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		this.gate.open();
		DrainResult first = coordinator.drain(DrainTrigger.ENDPOINT);
		coordinator.cancel();
		DrainResult second = coordinator.drain(DrainTrigger.SHUTDOWN);
		assertThat(second).isNotSameAs(first);
		assertThat(second.trigger()).isEqualTo(DrainTrigger.SHUTDOWN);
		coordinator.stopping();
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(this.events.names).containsExactly("started", "ended", "cancelled:requested", "started", "ended",
				"stopping");
	}

	@Test
	void watchdogCancelsTheDrainWhenNoShutdownFollowsTheHoldInTime() throws Exception {
		DrainCoordinator coordinator = coordinator(CANCEL_AFTER);
		this.gate.open();
		coordinator.drain(DrainTrigger.ENDPOINT);
		awaitState(coordinator, DrainState.SERVING);
		// The listeners are told just after the state has changed, on threads of their
		// own.
		this.events.await("cancelled:no-shutdown-followed");
		assertThat(this.events.names).containsExactly("started", "ended", "cancelled:no-shutdown-followed");
		Duration afterHold = Duration
			.ofNanos(this.events.at("cancelled:no-shutdown-followed") - this.events.at("ended"));
		assertThat(afterHold).isGreaterThanOrEqualTo(CANCEL_AFTER).isLessThan(CANCEL_AFTER.plusSeconds(2));
	}

	@Test
	void watchdogLeavesADrainThatShutdownFollowed() throws Exception {
		DrainCoordinator coordinator = coordinator(CANCEL_AFTER);
		// SIGTERM arrives while the watchdog waits.
		this.ticker.onSleep((now) -> coordinator.stopping());
		this.gate.open();
		coordinator.drain(DrainTrigger.ENDPOINT);
		awaitState(coordinator, DrainState.STOPPING);
		awaitWatchdogGone();
		assertThat(coordinator.state()).isEqualTo(DrainState.STOPPING);
		assertThat(this.events.names).containsExactly("started", "ended", "stopping");
	}

	@Test
	void watchdogIsOffWhenCancelAfterIsZero() throws Exception {
		DrainCoordinator coordinator = coordinator(Duration.ZERO);
		this.gate.open();
		coordinator.drain(DrainTrigger.ENDPOINT);
		// A watchdog would have undone the drain at once: its ticker does not really
		// wait.
		awaitWatchdogGone();
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
	}

	private static void awaitState(DrainCoordinator coordinator, DrainState state) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(coordinator.state()).isEqualTo(state));
	}

	/**
	 * Waits until no thread of a coordinator is alive. The watchdog starts before the
	 * thread that ended the hold is gone, so a moment without one means it has ended too.
	 * Decides on one snapshot: a thread that a coordinator of an earlier test still ends
	 * may come and go meanwhile.
	 */
	private static void awaitWatchdogGone() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.alias("no coordinator thread alive")
			.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch((t) -> t.getName().equals("zdt-test")));
	}

	static final class Gate implements HoldStrategy, HoldEvaluator {

		private volatile boolean open;

		void open() {
			this.open = true;
		}

		@Override
		public String name() {
			return "gate";
		}

		@Override
		public HoldEvaluator start(HoldContext context) {
			return this;
		}

		@Override
		public HoldDecision evaluate(HoldContext context) {
			return this.open ? HoldDecision.release("gate") : HoldDecision.keepHolding();
		}

	}

	static final class Events implements DrainListener {

		final List<String> names = new CopyOnWriteArrayList<>();

		final List<Long> times = new CopyOnWriteArrayList<>();

		private final ManualTicker ticker;

		Events(ManualTicker ticker) {
			this.ticker = ticker;
		}

		@Override
		public void drainStarted(DrainStatus drain) {
			record("started");
		}

		@Override
		public void holdEnded(DrainResult result) {
			record("ended");
		}

		@Override
		public void stopping() {
			record("stopping");
		}

		@Override
		public void drainCancelled(DrainCancellation cancellation) {
			record("cancelled:" + cancellation.displayName());
		}

		void await(String name) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.names).contains(name));
		}

		long at(String name) {
			return this.times.get(this.names.indexOf(name));
		}

		private synchronized void record(String name) {
			this.times.add(this.ticker.nanos());
			this.names.add(name);
		}

	}

}
