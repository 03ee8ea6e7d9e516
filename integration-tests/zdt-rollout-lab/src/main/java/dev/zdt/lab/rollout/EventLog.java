package dev.zdt.lab.rollout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import dev.zdt.lab.time.LabClock;

/**
 * The events of a lab run, in the order they happened.
 *
 * @author zdt
 */
public final class EventLog {

	private final LabClock clock;

	private final List<Event> events = new ArrayList<>();

	private final Consumer<Event> listener;

	/**
	 * Create an event log.
	 * @param clock the lab clock
	 * @param listener told of every event (e.g. to print progress)
	 */
	public EventLog(LabClock clock, Consumer<Event> listener) {
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * Record an event now.
	 * @param pod the pod name
	 * @param kind what happened
	 * @param detail more about it
	 * @return the event
	 */
	public Event record(String pod, Event.Kind kind, String detail) {
		Event event = new Event(this.clock.nanos(), pod, kind, detail);
		synchronized (this.events) {
			this.events.add(event);
		}
		this.listener.accept(event);
		return event;
	}

	/**
	 * Return the lab clock.
	 * @return the clock
	 */
	public LabClock clock() {
		return this.clock;
	}

	/**
	 * Return all events so far, by time.
	 * @return the events
	 */
	public List<Event> events() {
		synchronized (this.events) {
			List<Event> copy = new ArrayList<>(this.events);
			copy.sort(Comparator.comparingLong(Event::nanos));
			return copy;
		}
	}

}
