package dev.zdt.sample.scores;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The high score list keeps the best entries, best first, and never grows past its
 * capacity.
 */
class HighScoresTests {

	@Test
	void topListsBestFirst() {
		HighScores scores = new HighScores(10);
		scores.record("ada", 100);
		scores.record("grace", 300);
		scores.record("linus", 200);

		assertThat(scores.top(10)).containsExactly(new HighScore(1, "grace", 300), new HighScore(2, "linus", 200),
				new HighScore(3, "ada", 100));
	}

	@Test
	void earlierOfEqualScoresRanksHigher() {
		HighScores scores = new HighScores(10);
		scores.record("first", 64);

		assertThat(scores.record("second", 64)).isEqualTo(2);
		assertThat(scores.top(2)).extracting(HighScore::name).containsExactly("first", "second");
	}

	@Test
	void listKeepsOnlyItsCapacityDroppingTheWorst() {
		HighScores scores = new HighScores(3);
		for (int score = 1; score <= 1000; score++) {
			scores.record("p" + score, score);
		}

		assertThat(scores.top(100)).extracting(HighScore::score).containsExactly(1000L, 999L, 998L);
	}

	@Test
	void recordReturnsTheRankOrZeroWhenTheScoreDoesNotMakeTheList() {
		HighScores scores = new HighScores(2);
		assertThat(scores.record("a", 10)).isEqualTo(1);
		assertThat(scores.record("b", 30)).isEqualTo(1);
		assertThat(scores.record("c", 20)).isEqualTo(2);
		assertThat(scores.record("d", 5)).isZero();
	}

	@Test
	void topReturnsAtMostTheLimit() {
		HighScores scores = new HighScores(5);
		scores.record("a", 1);
		scores.record("b", 2);

		assertThat(scores.top(1)).containsExactly(new HighScore(1, "b", 2));
	}

	@Test
	void capacityMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HighScores(0)).withMessageContaining("at least 1");
	}

}
