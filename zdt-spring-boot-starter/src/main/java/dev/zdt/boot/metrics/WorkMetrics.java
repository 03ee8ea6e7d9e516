package dev.zdt.boot.metrics;

import dev.zdt.core.work.ShutdownParticipants;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the shutdown participants, tagged with the participant's name: the work each
 * has in progress ({@code zdt.work.in.progress}) and the work each left unfinished when
 * it was waited for after the hold ({@code zdt.work.unfinished}, dropped at exit). Both
 * are read from the participants when the meters are read.
 *
 * @since 0.2.0
 */
public final class WorkMetrics implements MeterBinder {

	private static final String PARTICIPANT = "participant";

	private final ShutdownParticipants participants;

	/**
	 * Creates the meters of the given participants.
	 * @param participants the participants
	 */
	public WorkMetrics(ShutdownParticipants participants) {
		this.participants = participants;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.participants.names()) {
			Gauge
				.builder("zdt.work.in.progress", this.participants,
						(participants) -> participants.inProgress().getOrDefault(name, 0L))
				.description("Work of a shutdown participant in progress: tasks, runs, records or messages accepted "
						+ "and not yet finished")
				.tag(PARTICIPANT, name)
				.register(registry);
			FunctionCounter
				.builder("zdt.work.unfinished", this.participants,
						(participants) -> participants.unfinished().getOrDefault(name, 0L))
				.description("Work a shutdown participant left unfinished when it was waited for after the hold, "
						+ "dropped at exit")
				.tag(PARTICIPANT, name)
				.register(registry);
		}
	}

}
