package dev.zdt.sample.manifests;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads values out of the maps and lists SnakeYAML makes.
 */
final class Yamls {

	private Yamls() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(@Nullable Object node, String... path) {
		Object value = at(node, path);
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(@Nullable Object node, String... path) {
		Object value = at(node, path);
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	static @Nullable String string(@Nullable Object node, String... path) {
		Object value = at(node, path);
		return (value != null) ? String.valueOf(value) : null;
	}

	static @Nullable Object at(@Nullable Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	/**
	 * Returns the element of a list of maps whose {@code name} is {@code name}, as in
	 * containers, ports and env.
	 */
	static Map<String, Object> named(List<Object> list, String name) {
		for (Object element : list) {
			if (name.equals(string(element, "name"))) {
				return map(element);
			}
		}
		return Map.of();
	}

}
