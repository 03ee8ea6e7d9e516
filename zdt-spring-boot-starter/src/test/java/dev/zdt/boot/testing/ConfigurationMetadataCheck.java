package dev.zdt.boot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.StringUtils;

/**
 * The {@code zdt.*} properties as IDEs see them: every
 * {@code META-INF/spring-configuration-metadata.json} on the class path, which the
 * configuration processor writes with
 * {@code additional-spring-configuration-metadata.json} already merged in. Lists what a
 * user would miss: a description in Spring Boot's style and the default that the
 * properties classes really have.
 */
public final class ConfigurationMetadataCheck {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	private final Map<String, Map<String, Object>> properties;

	private ConfigurationMetadataCheck(Map<String, Map<String, Object>> properties) {
		this.properties = properties;
	}

	/**
	 * Reads the {@code zdt.*} properties of every metadata file on the class path.
	 * @return the check
	 */
	public static ConfigurationMetadataCheck load() {
		Map<String, Map<String, Object>> properties = new TreeMap<>();
		try {
			for (URL url : Collections.list(ConfigurationMetadataCheck.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					List<Map<String, Object>> items = JsonPath
						.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "$.properties[*]");
					for (Map<String, Object> property : items) {
						String name = (String) property.get("name");
						if (name.startsWith("zdt.")) {
							properties.put(name, property);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ConfigurationMetadataCheck(properties);
	}

	/**
	 * Names of the properties found.
	 * @return the names, sorted
	 */
	public Set<String> names() {
		return this.properties.keySet();
	}

	/**
	 * Names of the boolean properties found.
	 * @return the names, sorted
	 */
	public Set<String> booleanNames() {
		return this.properties.keySet()
			.stream()
			.filter((name) -> "java.lang.Boolean".equals(this.properties.get(name).get("type")))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Names of the {@link java.time.Duration} properties found.
	 * @return the names, sorted
	 */
	public Set<String> durationNames() {
		return this.properties.keySet()
			.stream()
			.filter((name) -> "java.time.Duration".equals(this.properties.get(name).get("type")))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Lists every property whose description is missing or not in Spring Boot's style,
	 * and every property whose default is not the one the metadata shows.
	 * @param roots a properties object as created (holding its defaults), by its prefix,
	 * such as {@code "zdt"}
	 * @return one line per problem, empty when there is none
	 */
	public List<String> problems(Map<String, Object> roots) {
		List<String> problems = new ArrayList<>();
		this.properties.forEach((name, property) -> {
			description(name, property, problems);
			defaultValue(name, property, roots, problems);
		});
		return problems;
	}

	private static void description(String name, Map<String, Object> property, List<String> problems) {
		String description = (String) property.get("description");
		if (!StringUtils.hasText(description)) {
			problems.add(name + ": no description");
			return;
		}
		String type = String.valueOf(property.get("type"));
		if (description.startsWith("The ")) {
			problems.add(name + ": description starts with 'The': " + description);
		}
		if (!description.endsWith(".")) {
			problems.add(name + ": description does not end with a period: " + description);
		}
		if (type.equals("java.lang.Boolean") && !description.startsWith("Whether ")) {
			problems.add(name + ": a boolean's description starts with 'Whether': " + description);
		}
		if ((type.startsWith("java.util.List") || type.startsWith("java.util.Set"))
				&& !description.startsWith("Comma-separated list of ")) {
			problems.add(name + ": a list's description starts with 'Comma-separated list of': " + description);
		}
	}

	private void defaultValue(String name, Map<String, Object> property, Map<String, Object> roots,
			List<String> problems) {
		String prefix = roots.keySet()
			.stream()
			.filter((candidate) -> name.startsWith(candidate + "."))
			.max((a, b) -> Integer.compare(a.length(), b.length()))
			.orElse(null);
		if (prefix == null) {
			problems.add(name + ": no properties object given for it");
			return;
		}
		BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(roots.get(prefix));
		String path = beanPath(name.substring(prefix.length() + 1));
		if (!bean.isReadableProperty(path)) {
			problems.add(name + ": " + roots.get(prefix).getClass().getSimpleName() + " has no property " + path);
			return;
		}
		Object actual = bean.getPropertyValue(path);
		Object listed = property.get("defaultValue");
		boolean hasDefault = actual != null && !(actual instanceof Collection<?> collection && collection.isEmpty());
		if (!hasDefault) {
			if (listed != null) {
				problems.add(name + ": the metadata lists the default " + listed + " but there is none");
			}
			return;
		}
		if (listed == null) {
			problems.add(name + ": the default " + actual + " is missing from the metadata");
			return;
		}
		TypeDescriptor type = Objects.requireNonNull(bean.getPropertyTypeDescriptor(path));
		Object converted = this.conversion.convert(listed, TypeDescriptor.forObject(listed), type);
		if (!Objects.equals(converted, actual)) {
			problems.add(name + ": the metadata lists the default " + listed + " but it is " + actual);
		}
	}

	private static String beanPath(String kebabCase) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : kebabCase.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

}
