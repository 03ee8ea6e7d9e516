package dev.zdt.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.hold.HoldContext;
import dev.zdt.core.hold.HoldDecision;
import dev.zdt.core.hold.HoldEvaluator;
import dev.zdt.core.hold.HoldOutcome;
import dev.zdt.core.hold.HoldStrategy;
import dev.zdt.core.time.ManualTicker;
import dev.zdt.core.time.Ticker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a broken strategy or listener, a slow strategy or a re-entrant listener must not
 * do to a drain: leave its callers waiting, or hold past the maximum.
 */
class DrainCoordinatorRobustnessTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final Duration MAX = Duration.ofSeconds(3);

	/** How long the drain waits for a listener, at most, before it goes on without it. */
	private static final Duration LISTENER_WAIT = Duration.ofSeconds(1);

	private static final HoldBounds BOUNDS = new HoldBounds(Duration.ZERO, MAX, Duration.ofMillis(100));

	private final ManualTicker ticker = new ManualTicker();

	private final Map<String, Handler> warningHandlers = new ConcurrentHashMap<>();

	@Test
	void anErrorFromTheStrategyFallsBackToTheMaximumHold() {
		DrainCoordinator coordinator = coordinator(failing(new NoClassDefFoundError("software/amazon/Missing")));
		DrainResult result = assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.SHUTDOWN));
		assertThat(result.outcome().reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(result.outcome().held()).isEqualTo(MAX);
		assertThat(coordinator.status().holdFailure()).contains("NoClassDefFoundError", "software/amazon/Missing");
	}

	@Test
	void aFailingStrategyIsLoggedOnceAtWarnAndShownInTheStatus() {
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		Logger logger = Logger.getLogger(DrainCoordinator.class.getName());
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		logger.addHandler(handler);
		try {
			DrainCoordinator coordinator = coordinator(failing(new IllegalStateException("no credentials")));
			assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.API));
			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(record.getLevel()).isEqualTo(Level.WARNING);
				assertThat(record.getMessage()).contains("broken", "max-hold");
				assertThat(record.getThrown()).hasMessage("no credentials");
			});
			assertThat(coordinator.status().holdFailure()).isEqualTo("java.lang.IllegalStateException: no credentials");
		}
		finally {
			logger.removeHandler(handler);
		}
	}

	@Test
	void anErrorFromADrainStartedListenerStillDrains() {
		DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)), new DrainListener() {

			@Override
			public void drainStarted(DrainStatus drain) {
				throw new AssertionError("listener bug");
			}

		});
		DrainResult result = assertTimeoutPreemptively(PATIENCE, () -> {
			quietly(() -> coordinator.startDrain(DrainTrigger.ENDPOINT));
			return coordinator.drain(DrainTrigger.SHUTDOWN);
		});
		assertThat(result.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
	}

	@Test
	void anErrorFromAHoldEndedListenerStillCompletesTheDrain() {
		DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)), new DrainListener() {

			@Override
			public void holdEnded(DrainResult result) {
				throw new StackOverflowError();
			}

		});
		DrainResult result = assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.SHUTDOWN));
		assertThat(result.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
	}

	@Test
	void aHoldThatNeverEndsReleasesItsWaitersAtTheMaximumHoldPlusTheMargin() throws Exception {
		DrainCoordinator coordinator = DrainCoordinator.builder()
			.strategy(new FixedDelayStrategy(Duration.ofSeconds(1)))
			.bounds(BOUNDS)
			.ticker(this.ticker)
			// A hold thread that never runs the hold, as a thread that cannot be
			// scheduled.
			.holdThreads((task) -> new Thread(() -> {
			}))
			.build();
		CompletableFuture<DrainResult> waiter = CompletableFuture.supplyAsync(() -> drain(coordinator));
		awaitState(coordinator, DrainState.DRAINING);
		this.ticker.advance(MAX);
		assertThat(waiter).isNotDone();
		this.ticker.advance(ShutdownBudget.WAIT_MARGIN);
		DrainResult result = waiter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(result.outcome().reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(result.outcome().held()).isEqualTo(MAX.plus(ShutdownBudget.WAIT_MARGIN));
		assertThat(coordinator.state()).isEqualTo(DrainState.DRAINED);
		assertThat(coordinator.status().holdFailure()).contains("did not end");
		assertThat(coordinator.startDrain(DrainTrigger.SHUTDOWN)).isCompletedWithValue(result);
	}

	@Test
	void aStrategyStillEvaluatingWhenTheMaximumIsReachedDoesNotExtendTheHold() throws Exception {
		CountDownLatch evaluating = new CountDownLatch(1);
		CountDownLatch never = new CountDownLatch(1);
		DrainCoordinator coordinator = coordinator(new NamedStrategy("slow", (context) -> {
			evaluating.countDown();
			never.await();
			return HoldDecision.release("too-late");
		}));
		CompletableFuture<DrainResult> result = coordinator.startDrain(DrainTrigger.SHUTDOWN);
		assertThat(evaluating.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		this.ticker.advance(MAX);
		DrainResult ended = result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(ended.outcome().reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(ended.outcome().held()).isEqualTo(MAX);
	}

	@Test
	void aStrategyThatTakesAMinuteEndsAHoldOfThreeHundredMillisecondsOnTime() {
		DrainCoordinator coordinator = DrainCoordinator.builder().strategy(new NamedStrategy("minute", (context) -> {
			Thread.sleep(60_000);
			return HoldDecision.keepHolding();
		}))
			.bounds(new HoldBounds(Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(100)))
			.ticker(Ticker.system())
			.build();
		DrainResult result = assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.SHUTDOWN));
		assertThat(result.outcome().reason()).isEqualTo(HoldOutcome.MAX_HOLD);
		assertThat(result.outcome().held()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
	}

	@Test
	void theStrategyIsNeverAskedOnceTheMaximumIsReached() {
		List<Duration> asked = new CopyOnWriteArrayList<>();
		DrainCoordinator coordinator = coordinator(new NamedStrategy("recording", (context) -> {
			asked.add(context.elapsed());
			return HoldDecision.keepHolding();
		}));
		DrainResult result = assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.SHUTDOWN));
		assertThat(result.outcome().held()).isEqualTo(MAX);
		assertThat(asked).hasSize(30).allSatisfy((elapsed) -> assertThat(elapsed).isLessThan(MAX));
	}

	@Test
	void aDrainStartedListenerThatWaitsForTheDrainDoesNotDeadlock() {
		AtomicReference<DrainCoordinator> self = new AtomicReference<>();
		AtomicReference<Throwable> refused = new AtomicReference<>();
		DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)), new DrainListener() {

			@Override
			public void drainStarted(DrainStatus drain) {
				try {
					self.get().startDrain(DrainTrigger.API).get();
				}
				catch (Exception | Error ex) {
					refused.set(ex);
				}
			}

		});
		self.set(coordinator);
		DrainResult result = assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.ENDPOINT));
		assertThat(result.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
		assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("holdEnded");
	}

	@Test
	void aHoldEndedListenerThatWaitsForTheDrainDoesNotDeadlock() {
		AtomicReference<DrainCoordinator> self = new AtomicReference<>();
		AtomicReference<Throwable> refused = new AtomicReference<>();
		DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)), new DrainListener() {

			@Override
			public void holdEnded(DrainResult result) {
				try {
					self.get().drain(DrainTrigger.API);
				}
				catch (Exception | Error ex) {
					refused.set(ex);
				}
			}

		});
		self.set(coordinator);
		assertTimeoutPreemptively(PATIENCE, () -> coordinator.drain(DrainTrigger.ENDPOINT));
		assertThat(refused.get()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aStrategyWhoseStartNeverReturnsHoldsToTheMaximumAndSaysSoOnce() throws Exception {
		List<LogRecord> warnings = captureWarnings(DrainCoordinator.class.getName());
		CountDownLatch never = new CountDownLatch(1);
		try {
			DrainCoordinator coordinator = coordinator(stuckAtStart("stuck-at-start", never));
			CompletableFuture<DrainResult> result = assertTimeoutPreemptively(PATIENCE,
					() -> coordinator.startDrain(DrainTrigger.SHUTDOWN));
			assertThat(coordinator.state()).isEqualTo(DrainState.DRAINING);
			assertThat(assertTimeoutPreemptively(PATIENCE, coordinator::status).state()).isEqualTo(DrainState.DRAINING);
			assertTimeoutPreemptively(PATIENCE, coordinator::evidence);
			this.ticker.advance(MAX);
			DrainResult ended = result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(ended.outcome().reason()).isEqualTo(HoldOutcome.MAX_HOLD);
			assertThat(ended.outcome().held()).isEqualTo(MAX);
			assertThat(coordinator.status().holdFailure()).contains("stuck-at-start", "start");
			assertThat(warnings).singleElement()
				.satisfies((record) -> assertThat(record.getMessage()).contains("stuck-at-start", "max-hold"));
		}
		finally {
			never.countDown();
			releaseWarnings(DrainCoordinator.class.getName());
		}
	}

	@Test
	void theStatusWhileServingDoesNotWaitForAStrategyWhoseStartNeverReturns() {
		CountDownLatch never = new CountDownLatch(1);
		try {
			DrainCoordinator coordinator = coordinator(stuckAtStart("stuck-at-start", never));
			assertThat(assertTimeoutPreemptively(PATIENCE, coordinator::evidence)).containsKey("error");
			assertThat(assertTimeoutPreemptively(PATIENCE, coordinator::evidence))
				.as("a second read while the first still waits for the strategy")
				.containsKey("error");
			assertThat(assertTimeoutPreemptively(PATIENCE, coordinator::status).state()).isEqualTo(DrainState.SERVING);
		}
		finally {
			never.countDown();
		}
	}

	@Test
	void aDrainStartedListenerThatNeverReturnsHoldsUpNeitherTheOtherListenersNorTheHold() throws Exception {
		List<LogRecord> warnings = captureWarnings(DrainCoordinator.class.getName());
		StuckInDrainStarted stuck = new StuckInDrainStarted();
		Recording recording = new Recording();
		try {
			DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)), stuck, recording);
			CompletableFuture<DrainResult> result = CompletableFuture
				.supplyAsync(() -> coordinator.startDrain(DrainTrigger.SHUTDOWN))
				.thenCompose((started) -> started);
			recording.awaitTold("started");
			this.ticker.advance(LISTENER_WAIT);
			DrainResult ended = result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(ended.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
			assertThat(recording.told).containsExactly("started", "ended");
			assertThat(warnings).singleElement()
				.satisfies((record) -> assertThat(record.getMessage()).contains(StuckInDrainStarted.class.getName(),
						"drainStarted"));
		}
		finally {
			stuck.never.countDown();
			releaseWarnings(DrainCoordinator.class.getName());
		}
	}

	@Test
	void aHoldEndedListenerThatNeverReturnsHoldsUpNeitherTheOtherListenersNorTheCallers() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		Recording recording = new Recording();
		try {
			DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)),
					new DrainListener() {

						@Override
						public void holdEnded(DrainResult result) {
							awaitQuietly(never);
						}

					}, recording);
			CompletableFuture<DrainResult> result = CompletableFuture.supplyAsync(() -> drain(coordinator));
			recording.awaitTold("ended");
			this.ticker.advance(LISTENER_WAIT);
			DrainResult ended = result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(ended.outcome().reason()).isEqualTo(FixedDelayStrategy.REASON);
			assertThat(ended.outcome().held()).isEqualTo(Duration.ofSeconds(1));
		}
		finally {
			never.countDown();
		}
	}

	@Test
	void aDrainCancelledListenerThatNeverReturnsDoesNotHoldUpTheCancel() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		Recording recording = new Recording();
		try {
			DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)),
					new DrainListener() {

						@Override
						public void drainCancelled(DrainCancellation cancellation) {
							awaitQuietly(never);
						}

					}, recording);
			coordinator.drain(DrainTrigger.ENDPOINT);
			CompletableFuture<Boolean> cancelled = CompletableFuture.supplyAsync(coordinator::cancel);
			recording.awaitTold("cancelled");
			this.ticker.advance(LISTENER_WAIT);
			assertThat(cancelled.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(coordinator.state()).isEqualTo(DrainState.SERVING);
		}
		finally {
			never.countDown();
		}
	}

	@Test
	void requestsAfterTheDrainStartKeepCountingOnceTheHoldHasEnded() throws Exception {
		DrainCoordinator coordinator = coordinator(new FixedDelayStrategy(Duration.ofSeconds(1)));
		coordinator.traffic().requestStarted();
		coordinator.startDrain(DrainTrigger.API);
		coordinator.traffic().requestStarted();
		coordinator.drain(DrainTrigger.API);
		assertThat(coordinator.status().requestsAfterDrainStart()).isEqualTo(1);
		coordinator.traffic().requestStarted();
		coordinator.traffic().requestStarted();
		assertThat(coordinator.status().requestsAfterDrainStart()).isEqualTo(3);
		assertThat(coordinator.status().holdEndReason()).isEqualTo(FixedDelayStrategy.REASON);
	}

	private DrainCoordinator coordinator(HoldStrategy strategy, DrainListener... listeners) {
		DrainCoordinatorBuilder builder = DrainCoordinator.builder()
			.strategy(strategy)
			.bounds(BOUNDS)
			.ticker(this.ticker)
			.holdThreads((task) -> {
				Thread thread = new Thread(task, "zdt-hold-test");
				thread.setDaemon(true);
				// The listeners' failures are expected here; keep them out of the test
				// output.
				thread.setUncaughtExceptionHandler((t, ex) -> {
				});
				return thread;
			});
		for (DrainListener listener : listeners) {
			builder.listener(listener);
		}
		return builder.build();
	}

	private static HoldStrategy stuckAtStart(String name, CountDownLatch never) {
		return new HoldStrategy() {

			@Override
			public HoldEvaluator start(HoldContext context) {
				awaitQuietly(never);
				return (now) -> HoldDecision.release("too-late");
			}

			@Override
			public String name() {
				return name;
			}

		};
	}

	/**
	 * Waits for the latch, deaf to interrupts, as careless user code can.
	 */
	private static void awaitQuietly(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ex) {
				// Ignored on purpose.
			}
		}
	}

	private List<LogRecord> captureWarnings(String loggerName) {
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
					records.add(record);
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		Logger.getLogger(loggerName).addHandler(handler);
		this.warningHandlers.put(loggerName, handler);
		return records;
	}

	private void releaseWarnings(String loggerName) {
		Handler handler = this.warningHandlers.remove(loggerName);
		if (handler != null) {
			Logger.getLogger(loggerName).removeHandler(handler);
		}
	}

	private static HoldStrategy failing(Throwable failure) {
		return new NamedStrategy("broken", (context) -> {
			if (failure instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) failure;
		});
	}

	private static DrainResult drain(DrainCoordinator coordinator) {
		try {
			return coordinator.drain(DrainTrigger.SHUTDOWN);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs on a thread whose uncaught exceptions (expected here) stay out of the test
	 * output.
	 */
	private static void quietly(Runnable action) {
		Thread thread = Thread.currentThread();
		Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
		thread.setUncaughtExceptionHandler((t, ex) -> {
		});
		try {
			action.run();
		}
		finally {
			thread.setUncaughtExceptionHandler(previous);
		}
	}

	private static void awaitState(DrainCoordinator coordinator, DrainState state) {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(coordinator.state()).isEqualTo(state));
	}

	/**
	 * Never returns from {@link #drainStarted} until the test ends.
	 */
	static final class StuckInDrainStarted implements DrainListener {

		final CountDownLatch never = new CountDownLatch(1);

		@Override
		public void drainStarted(DrainStatus drain) {
			awaitQuietly(this.never);
		}

	}

	/**
	 * Records what it is told, and lets a test wait for it.
	 */
	static final class Recording implements DrainListener {

		final List<String> told = new CopyOnWriteArrayList<>();

		@Override
		public void drainStarted(DrainStatus drain) {
			this.told.add("started");
		}

		@Override
		public void holdEnded(DrainResult result) {
			this.told.add("ended");
		}

		@Override
		public void drainCancelled(DrainCancellation cancellation) {
			this.told.add("cancelled");
		}

		void awaitTold(String what) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(this.told).as("the other listener is told at once").contains(what));
		}

	}

	@FunctionalInterface
	interface Evaluation {

		HoldDecision evaluate(HoldContext context) throws InterruptedException;

	}

	record NamedStrategy(String name, Evaluation evaluation) implements HoldStrategy, HoldEvaluator {

		@Override
		public HoldEvaluator start(HoldContext context) {
			return this;
		}

		@Override
		public HoldDecision evaluate(HoldContext context) {
			try {
				return this.evaluation.evaluate(context);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return HoldDecision.keepHolding();
			}
		}

	}

}
