package dev.zdt.core.hold;

import java.time.Duration;

/**
 * What a {@link HoldStrategy} knows at one moment of the hold.
 *
 * @param elapsed time since the drain started
 * @param rateBeforeDrain application requests per second measured before the drain started
 * @param requestsSinceDrainStart application requests that arrived after the drain started
 * @param trafficSpan time from the drain start to the last application request that arrived
 * after it ({@link Duration#ZERO} when none did)
 * @param quietFor time since the last application request or since the drain started,
 * whichever is later
 *
 * @since 0.1.0
 */
public record HoldContext(Duration elapsed, double rateBeforeDrain, long requestsSinceDrainStart, Duration trafficSpan,
		Duration quietFor) {

}
