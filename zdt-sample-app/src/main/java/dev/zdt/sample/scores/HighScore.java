package dev.zdt.sample.scores;

/**
 * One entry of the high score list.
 *
 * @param rank the 1-based position in the list, or {@code 0} when the score did not make
 * it
 * @param name the player's name
 * @param score the points scored
 * @author zdt authors
 */
public record HighScore(int rank, String name, long score) {

}
