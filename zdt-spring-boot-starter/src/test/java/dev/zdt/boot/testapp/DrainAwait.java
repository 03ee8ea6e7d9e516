package dev.zdt.boot.testapp;

import java.time.Duration;
import java.util.function.IntPredicate;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waits, with a deadline generous enough for a loaded machine, for what a web test needs
 * before it goes on: the coordinator's state or its count of requests in flight.
 */
public final class DrainAwait {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private DrainAwait() {
	}

	/**
	 * Waits until the coordinator counts exactly this many requests in flight.
	 * @param coordinator the application's coordinator
	 * @param expected the count
	 */
	public static void awaitInFlight(DrainCoordinator coordinator, int expected) {
		awaitInFlight(coordinator, (inFlight) -> inFlight == expected);
	}

	/**
	 * Waits until the coordinator's count of requests in flight is as expected.
	 * @param coordinator the application's coordinator
	 * @param expected the condition on the count
	 */
	public static void awaitInFlight(DrainCoordinator coordinator, IntPredicate expected) {
		await().atMost(DEADLINE)
			.untilAsserted(() -> assertThat(coordinator.traffic().inFlight()).as("requests in flight")
				.matches(expected::test));
	}

	/**
	 * Waits until the coordinator is in the given state.
	 * @param coordinator the application's coordinator
	 * @param state the state
	 */
	public static void awaitState(DrainCoordinator coordinator, DrainState state) {
		await().atMost(DEADLINE).untilAsserted(() -> assertThat(coordinator.state()).isEqualTo(state));
	}

}
