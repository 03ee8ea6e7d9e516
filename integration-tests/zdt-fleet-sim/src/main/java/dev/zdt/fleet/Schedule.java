package dev.zdt.fleet;

/**
 * When the pods of a fleet start to drain.
 */
enum Schedule {

	/**
	 * A rolling update with maxSurge 25 %: a wave of ⌈N/4⌉ pods every 10 s, the time
	 * assumed for a surge batch to pass its readiness gate.
	 */
	ROLLING("rolling update") {
		@Override
		long drainAfterNanos(int index, int fleet) {
			int wave = Math.max(1, (fleet + 3) / 4);
			return (index / wave) * 10_000_000_000L;
		}
	},

	/**
	 * A node drain (or several services at once): every pod's drain starts within 2 s.
	 */
	NODE_DRAIN("node drain") {
		@Override
		long drainAfterNanos(int index, int fleet) {
			return (long) index * 2_000_000_000L / fleet;
		}
	};

	final String title;

	Schedule(String title) {
		this.title = title;
	}

	abstract long drainAfterNanos(int index, int fleet);

}
