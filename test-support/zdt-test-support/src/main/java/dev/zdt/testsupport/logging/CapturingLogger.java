package dev.zdt.testsupport.logging;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Logger} that keeps what it is given, for assertions.
 */
public final class CapturingLogger implements Logger {

	private final List<Entry> entries = new CopyOnWriteArrayList<>();

	@Override
	public String getName() {
		return "capturing";
	}

	@Override
	public boolean isLoggable(Level level) {
		return true;
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
			@Nullable Throwable thrown) {
		this.entries.add(new Entry(level, String.valueOf(message)));
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format, @Nullable Object... params) {
		this.entries.add(new Entry(level, (params == null || params.length == 0) ? String.valueOf(format)
				: MessageFormat.format(String.valueOf(format), params)));
	}

	/**
	 * Returns the messages logged at a level, formatted.
	 * @param level the level
	 * @return the messages in the order they were logged
	 */
	public List<String> messages(Level level) {
		return this.entries.stream().filter((entry) -> entry.level() == level).map(Entry::message).toList();
	}

	/**
	 * Returns the messages logged at {@link Level#WARNING}.
	 * @return the warnings in the order they were logged
	 */
	public List<String> warnings() {
		return messages(Level.WARNING);
	}

	private record Entry(Level level, String message) {

	}

}
