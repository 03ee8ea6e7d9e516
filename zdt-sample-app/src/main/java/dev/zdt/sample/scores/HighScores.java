package dev.zdt.sample.scores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best scores seen by this process, best first, kept to a fixed number of entries so
 * that a load test cannot grow the heap.
 *
 * @author zdt authors
 */
public final class HighScores {

	private static final Comparator<Entry> BEST_FIRST = Comparator.comparingLong(Entry::score)
		.reversed()
		.thenComparingLong(Entry::sequence);

	private final int capacity;

	private final List<Entry> entries = new ArrayList<>();

	private long sequence;

	/**
	 * Creates an empty list.
	 * @param capacity how many entries are kept
	 */
	public HighScores(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Records a score; the earlier of two equal scores ranks higher.
	 * @param name the player's name
	 * @param score the points scored
	 * @return the 1-based rank of the new entry, or {@code 0} when it did not make the
	 * list
	 */
	public synchronized int record(String name, long score) {
		Entry entry = new Entry(name, score, this.sequence++);
		int index = insertionPoint(entry);
		if (index >= this.capacity) {
			return 0;
		}
		this.entries.add(index, entry);
		if (this.entries.size() > this.capacity) {
			this.entries.remove(this.entries.size() - 1);
		}
		return index + 1;
	}

	/**
	 * Returns the best scores, best first.
	 * @param limit the most entries to return
	 * @return a copy of at most {@code limit} entries
	 */
	public synchronized List<HighScore> top(int limit) {
		int size = Math.min(limit, this.entries.size());
		List<HighScore> top = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			Entry entry = this.entries.get(i);
			top.add(new HighScore(i + 1, entry.name(), entry.score()));
		}
		return top;
	}

	/**
	 * Returns how many entries are kept at most.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	private int insertionPoint(Entry entry) {
		int index = 0;
		while (index < this.entries.size() && BEST_FIRST.compare(this.entries.get(index), entry) <= 0) {
			index++;
		}
		return index;
	}

	private record Entry(String name, long score, long sequence) {
	}

}
