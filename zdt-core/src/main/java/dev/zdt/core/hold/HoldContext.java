package dev.zdt.core.hold;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.zdt.core.traffic.TrafficHistory;

/**
 * What a {@link HoldStrategy} knows at one moment of the hold.
 *
 * @param elapsed time since the drain started
 * @param rateBeforeDrain application requests per second measured before the drain
 * started (the mean over {@link dev.zdt.core.traffic.TrafficMonitor#RATE_WINDOW})
 * @param requestsSinceDrainStart application requests that arrived after the drain
 * started
 * @param trafficSpan time from the drain start to the last application request that
 * arrived after it ({@link Duration#ZERO} when none did)
 * @param quietFor time since the last application request or since the drain started,
 * whichever is later
 * @param history the silences and rate of the traffic before the drain, with the longest
 * silence that ended during the hold so far
 * @param sources the same for each traffic source (TCP peer) by address, without requests
 * counted since the drain start (0) and without sources of their own; a source first seen
 * during the hold has an empty history and no rate; empty when the sources are unknown
 * @since 0.1.0
 */
public record HoldContext(Duration elapsed, double rateBeforeDrain, long requestsSinceDrainStart, Duration trafficSpan,
		Duration quietFor, TrafficHistory history, Map<String, HoldContext> sources) {

	/**
	 * Validates the context.
	 * @param elapsed time since the drain started
	 * @param rateBeforeDrain application requests per second measured before the drain
	 * started
	 * @param requestsSinceDrainStart application requests that arrived after the drain
	 * started
	 * @param trafficSpan time from the drain start to the last application request after
	 * it
	 * @param quietFor time since the last application request or the drain start
	 * @param history the traffic before the drain
	 * @param sources the same for each traffic source
	 */
	public HoldContext {
		Objects.requireNonNull(history, "history");
		sources = Map.copyOf(sources);
	}

	/**
	 * Creates a context without sources.
	 * @param elapsed time since the drain started
	 * @param rateBeforeDrain application requests per second measured before the drain
	 * started
	 * @param requestsSinceDrainStart application requests that arrived after the drain
	 * started
	 * @param trafficSpan time from the drain start to the last application request after
	 * it
	 * @param quietFor time since the last application request or the drain start
	 * @param history the traffic before the drain
	 */
	public HoldContext(Duration elapsed, double rateBeforeDrain, long requestsSinceDrainStart, Duration trafficSpan,
			Duration quietFor, TrafficHistory history) {
		this(elapsed, rateBeforeDrain, requestsSinceDrainStart, trafficSpan, quietFor, history, Map.of());
	}

	/**
	 * Creates a context without any traffic history: a traffic strategy finds no evidence
	 * in it.
	 * @param elapsed time since the drain started
	 * @param rateBeforeDrain application requests per second measured before the drain
	 * started
	 * @param requestsSinceDrainStart application requests that arrived after the drain
	 * started
	 * @param trafficSpan time from the drain start to the last application request after
	 * it
	 * @param quietFor time since the last application request or the drain start
	 */
	public HoldContext(Duration elapsed, double rateBeforeDrain, long requestsSinceDrainStart, Duration trafficSpan,
			Duration quietFor) {
		this(elapsed, rateBeforeDrain, requestsSinceDrainStart, trafficSpan, quietFor, TrafficHistory.none());
	}

}
