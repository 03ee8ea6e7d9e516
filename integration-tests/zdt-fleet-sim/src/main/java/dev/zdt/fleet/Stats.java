package dev.zdt.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, 95th percentile and maximum of some durations, in nanoseconds.
 */
record Stats(int count, long median, long p95, long max) {

	static Stats of(List<Long> values) {
		if (values.isEmpty()) {
			return new Stats(0, 0, 0, 0);
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return new Stats(sorted.size(), at(sorted, 0.5), at(sorted, 0.95), sorted.get(sorted.size() - 1));
	}

	private static long at(List<Long> sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	String seconds() {
		if (this.count == 0) {
			return "–";
		}
		return String.format("%.1f / %.1f / %.1f", this.median / 1e9, this.p95 / 1e9, this.max / 1e9);
	}

}
