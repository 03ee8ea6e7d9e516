package dev.zdt.sample.webflux;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A live high-score table that every instance computes alike: time is cut into ticks of a
 * fixed period counted from the epoch, and the table of tick {@code n} depends on
 * {@code n} alone. So tick numbers are event ids that mean the same on every pod, and a
 * client that reconnects to any pod with {@code Last-Event-ID: k} gets tick {@code k + 1}
 * next: the ticks it missed are replayed (at most {@link #MAX_REPLAY}), then it follows
 * the live ticks.
 *
 * @author zdt authors
 */
@Component
public final class HighScoreFeed {

	/** The most ticks replayed to a client that reconnects late. */
	public static final int MAX_REPLAY = 300;

	private static final List<String> PLAYERS = List.of("ada", "bob", "cyd", "dee", "eve", "fox", "gus");

	private static final int TOP = 5;

	private final Clock clock;

	private final Duration period;

	HighScoreFeed(@Value("${sample.feed.period:1s}") Duration period) {
		if (period.toMillis() <= 0) {
			throw new IllegalArgumentException("sample.feed.period must be at least 1ms, got " + period);
		}
		this.clock = Clock.systemUTC();
		this.period = period;
	}

	/**
	 * Returns the tables from the one after {@code lastSeen}: the missed ones at once,
	 * then each live one when its tick starts. Without {@code lastSeen}, the current
	 * table first.
	 * @param lastSeen the last tick the client has, or {@code null}
	 * @return the tables, endless
	 */
	public Flux<Scores> from(@Nullable Long lastSeen) {
		return Flux.defer(() -> {
			long now = this.clock.millis();
			long current = now / this.period.toMillis();
			// An id from the future (beyond any clock skew between pods) is not one of
			// ours.
			boolean resumes = lastSeen != null && lastSeen < current + MAX_REPLAY;
			long first = resumes ? Math.max(lastSeen + 1, current - MAX_REPLAY + 1) : current;
			long live = Math.max(first, current + 1);
			Duration untilLive = Duration.ofMillis(live * this.period.toMillis() - now);
			Flux<Long> replay = (first <= current) ? Flux.range(0, (int) (current - first + 1)).map((i) -> first + i)
					: Flux.empty();
			// A client slower than the ticks (or a writer that asks for one event at a
			// time) gets them buffered, up to what a reconnection would replay anyway.
			Flux<Long> ticks = Flux.interval(untilLive, this.period)
				.onBackpressureBuffer(MAX_REPLAY)
				.map((i) -> live + i);
			return replay.concatWith(ticks).map(HighScoreFeed::scoresAt);
		});
	}

	/**
	 * Returns the table of a tick.
	 * @param tick the tick number
	 * @return the table, the same on every instance
	 */
	static Scores scoresAt(long tick) {
		List<Score> all = new ArrayList<>();
		for (int i = 0; i < PLAYERS.size(); i++) {
			// A round per tick: pseudo-random points, a function of the tick and player
			// only.
			long points = 1000 + Math.floorMod((tick + i * 7919L) * 2_654_435_761L, 9000L);
			all.add(new Score(PLAYERS.get(i), points));
		}
		all.sort(Comparator.comparingLong(Score::points).reversed());
		return new Scores(tick, List.copyOf(all.subList(0, TOP)));
	}

	/**
	 * The high-score table of one tick.
	 *
	 * @param tick the tick, which is also the event's id
	 * @param top the best scores, best first
	 */
	public record Scores(long tick, List<Score> top) {

		/**
		 * Returns the table as one line of text.
		 * @return e.g. {@code 42 eve=1203 fox=1188 ...}
		 */
		public String asLine() {
			StringBuilder line = new StringBuilder(Long.toString(this.tick));
			this.top.forEach((score) -> line.append(' ').append(score.player()).append('=').append(score.points()));
			return line.toString();
		}

	}

	/**
	 * One player's score.
	 *
	 * @param player the player
	 * @param points the points
	 */
	public record Score(String player, long points) {
	}

}
