package dev.zdt.fleet;

import java.util.ResourceBundle;

/**
 * Drops what hundreds of simulated pods would log: the table tells what happened.
 */
final class SilentLogger implements System.Logger {

	@Override
	public String getName() {
		return "fleet";
	}

	@Override
	public boolean isLoggable(Level level) {
		return false;
	}

	@Override
	public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
	}

	@Override
	public void log(Level level, ResourceBundle bundle, String format, Object... params) {
	}

}
