package dev.zdt.core.traffic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * The arrivals of each traffic source (the TCP peer: behind an ALB, one load balancer
 * node) in a fixed number of entries; sources beyond them share one pooled entry. An
 * entry whose source has sent nothing for {@link TrafficMonitor#HISTORY} goes to the next
 * new source. Finding a known source reads one or a few array cells and never allocates.
 */
final class SourceTable {

	/** The name under which the sources beyond the table's capacity are kept. */
	static final String POOLED = "(other)";

	private final AtomicReferenceArray<@Nullable String> addresses;

	private final ArrivalLog[] logs;

	private final ArrivalLog pooled;

	private final int mask;

	SourceTable(int capacity, long origin) {
		if (Integer.bitCount(capacity) != 1) {
			throw new IllegalArgumentException("capacity must be a power of two");
		}
		this.addresses = new AtomicReferenceArray<>(capacity);
		this.logs = new ArrivalLog[capacity];
		for (int i = 0; i < capacity; i++) {
			this.logs[i] = new ArrivalLog(origin);
		}
		this.pooled = new ArrivalLog(origin);
		this.mask = capacity - 1;
	}

	/**
	 * Returns the log of the given source, taking a free or idle entry for a new one, or
	 * the pooled log when every entry is in use.
	 */
	ArrivalLog logOf(String source, long now) {
		int start = source.hashCode() & this.mask;
		for (int probe = 0; probe <= this.mask; probe++) {
			int index = (start + probe) & this.mask;
			String held = this.addresses.get(index);
			if (held == null) {
				if (this.addresses.compareAndSet(index, null, source)) {
					return this.logs[index];
				}
				held = this.addresses.get(index);
			}
			if (source.equals(held)) {
				return this.logs[index];
			}
		}
		return takeIdleEntry(source, now);
	}

	private ArrivalLog takeIdleEntry(String source, long now) {
		long idleSince = now - TrafficMonitor.HISTORY.toNanos();
		for (int index = 0; index <= this.mask; index++) {
			String held = this.addresses.get(index);
			long last = this.logs[index].lastArrivalNanos();
			if (held != null && last != ArrivalLog.NO_ARRIVAL && last < idleSince
					&& this.addresses.compareAndSet(index, held, source)) {
				this.logs[index].reset();
				return this.logs[index];
			}
		}
		return this.pooled;
	}

	/**
	 * Returns the log of every source that has sent, the pooled one under
	 * {@link #POOLED}.
	 */
	Map<String, ArrivalLog> logs() {
		Map<String, ArrivalLog> logs = new LinkedHashMap<>();
		for (int index = 0; index <= this.mask; index++) {
			String held = this.addresses.get(index);
			if (held != null && this.logs[index].lastArrivalNanos() != ArrivalLog.NO_ARRIVAL) {
				logs.put(held, this.logs[index]);
			}
		}
		if (this.pooled.lastArrivalNanos() != ArrivalLog.NO_ARRIVAL) {
			logs.put(POOLED, this.pooled);
		}
		return logs;
	}

}
