package dev.zdt.aws;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Logger} that keeps what it is given, for assertions.
 */
final class CapturingLogger implements Logger {

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
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message, @Nullable Throwable thrown) {
		this.entries.add(new Entry(level, String.valueOf(message)));
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format, @Nullable Object... params) {
		this.entries.add(new Entry(level, (params == null || params.length == 0) ? String.valueOf(format)
				: MessageFormat.format(String.valueOf(format), params)));
	}

	List<String> messages(Level level) {
		return this.entries.stream().filter((entry) -> entry.level() == level).map(Entry::message).toList();
	}

	List<String> warnings() {
		return messages(Level.WARNING);
	}

	record Entry(Level level, String message) {

	}

}
