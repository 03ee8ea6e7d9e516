package dev.zdt.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line arguments: positional words and {@code --name value} /
 * {@code --name=value} options ({@code --flag} alone means {@code true}).
 *
 * @author zdt
 */
final class Arguments {

	private final List<String> positional = new ArrayList<>();

	private final Map<String, String> options = new LinkedHashMap<>();

	private final List<String> words;

	Arguments(String[] args) {
		this.words = List.of(args);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--")) {
				int equals = arg.indexOf('=');
				if (equals > 0) {
					this.options.put(arg.substring(2, equals), arg.substring(equals + 1));
				}
				else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
					this.options.put(arg.substring(2), args[++i]);
				}
				else {
					this.options.put(arg.substring(2), "true");
				}
			}
			else if (!arg.isBlank()) {
				this.positional.add(arg);
			}
		}
	}

	List<String> words() {
		return this.words;
	}

	String positional(int index, String fallback) {
		return (index < this.positional.size()) ? this.positional.get(index) : fallback;
	}

	String get(String name, String fallback) {
		return this.options.getOrDefault(name, fallback);
	}

	int getInt(String name, int fallback) {
		return Integer.parseInt(get(name, String.valueOf(fallback)));
	}

	double getDouble(String name, double fallback) {
		return Double.parseDouble(get(name, String.valueOf(fallback)));
	}

	boolean has(String name) {
		return this.options.containsKey(name);
	}

	List<String> list(String name, String fallback) {
		List<String> values = new ArrayList<>();
		for (String value : get(name, fallback).split(",")) {
			if (!value.isBlank()) {
				values.add(value.trim());
			}
		}
		return values;
	}

}
