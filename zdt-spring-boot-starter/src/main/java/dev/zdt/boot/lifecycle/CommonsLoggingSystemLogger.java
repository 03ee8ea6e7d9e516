package dev.zdt.boot.lifecycle;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link System.Logger} that writes through commons-logging, for zdt-core and zdt-aws,
 * which log with {@code System.Logger}. Without a {@link System.LoggerFinder} of its own
 * a {@code System.Logger} writes to {@code java.util.logging}, and Spring Boot's logging
 * system (Logback, Log4j2) receives it through a bridge handler on the root logger. As
 * the JVM begins to shut down, {@code java.util.logging}'s own shutdown hook
 * ({@code LogManager.reset()}, on the thread "Logging-Cleaner") removes every handler,
 * the bridge too, while Spring's shutdown hook is still holding: every line logged there
 * after a SIGTERM was lost. Through commons-logging the lines go straight to the logging
 * system, which Spring Boot stops only after the context has closed.
 *
 * @since 0.1.0
 */
public final class CommonsLoggingSystemLogger implements System.Logger {

	private final String name;

	private final Log log;

	private CommonsLoggingSystemLogger(String name) {
		this.name = name;
		this.log = LogFactory.getLog(name);
	}

	/**
	 * Returns the logger of the given name.
	 * @param name the name, as a {@code System.Logger} and commons-logging know it
	 * @return the logger
	 */
	public static System.Logger named(String name) {
		return new CommonsLoggingSystemLogger(name);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public boolean isLoggable(Level level) {
		return switch (level) {
			case ALL, TRACE -> this.log.isTraceEnabled();
			case DEBUG -> this.log.isDebugEnabled();
			case INFO -> this.log.isInfoEnabled();
			case WARNING -> this.log.isWarnEnabled();
			case ERROR -> this.log.isErrorEnabled();
			case OFF -> false;
		};
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
			@Nullable Throwable thrown) {
		if (isLoggable(level)) {
			write(level, localized(bundle, message), thrown);
		}
	}

	@Override
	public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
			@Nullable Object... parameters) {
		if (isLoggable(level)) {
			String message = localized(bundle, format);
			// As System.Logger specifies: MessageFormat, only when there are parameters.
			write(level, (parameters != null && parameters.length > 0 && message != null)
					? MessageFormat.format(message, parameters) : message, null);
		}
	}

	private static @Nullable String localized(@Nullable ResourceBundle bundle, @Nullable String key) {
		return (bundle != null && key != null && bundle.containsKey(key)) ? bundle.getString(key) : key;
	}

	private void write(Level level, @Nullable String message, @Nullable Throwable thrown) {
		switch (level) {
			case ALL, TRACE -> this.log.trace(message, thrown);
			case DEBUG -> this.log.debug(message, thrown);
			case INFO -> this.log.info(message, thrown);
			case WARNING -> this.log.warn(message, thrown);
			case ERROR -> this.log.error(message, thrown);
			case OFF -> {
			}
		}
	}

}
