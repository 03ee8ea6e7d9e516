package dev.zdt.core.traffic;

import java.time.Duration;

/**
 * What the application's traffic looked like before the drain: the evidence against which
 * a silence during the hold is judged.
 *
 * @param observed how much time the history covers: up to {@link TrafficMonitor#HISTORY},
 * less when the first application request arrived later
 * @param longestSilence the longest gap between two application requests that ended
 * within it
 * @param busySeconds the number of seconds within it in which at least one application
 * request arrived: a bound on how many silences of a second or more it contains, however
 * many requests each burst held
 * @param steadyRate the lower median of the arrival rates of the 5-second blocks of the
 * last 30 seconds: a rate one burst cannot inflate
 * @since 0.1.0
 */
public record TrafficHistory(Duration observed, Duration longestSilence, int busySeconds, double steadyRate) {

	private static final TrafficHistory NONE = new TrafficHistory(Duration.ZERO, Duration.ZERO, 0, 0);

	/**
	 * Returns a history without any traffic.
	 * @return the empty history
	 */
	public static TrafficHistory none() {
		return NONE;
	}

	/**
	 * Returns this history with a longer longest silence, if the given one is longer.
	 * @param silence a silence seen later, e.g. during the hold
	 * @return the history that includes it
	 */
	public TrafficHistory withSilence(Duration silence) {
		return (silence.compareTo(this.longestSilence) > 0)
				? new TrafficHistory(this.observed, silence, this.busySeconds, this.steadyRate) : this;
	}

}
