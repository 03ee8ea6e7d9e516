package dev.zdt.boot.work;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.zdt.core.work.ShutdownParticipant;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation's example of a custom shutdown participant (docs/background-work.md)
 * compiles as it is, with the imports a user would add, and works as a participant.
 */
class DocumentedParticipantExampleTests {

	private static final String INTRODUCTION = "Your own work plugs in as a bean";

	private static final String IMPORTS = """
			import java.time.Duration;
			import java.util.concurrent.atomic.AtomicLong;
			import dev.zdt.core.work.ShutdownParticipant;
			import org.springframework.stereotype.Component;
			""";

	@Test
	void theExampleIsFifteenLines() throws IOException {
		assertThat(example()).hasSizeLessThanOrEqualTo(15);
	}

	@Test
	void theExampleCompilesAndIsAParticipant(@TempDir Path dir) throws Exception {
		List<String> example = example();
		Path source = dir.resolve("ExportJobs.java");
		Files.writeString(source, IMPORTS + String.join("\n", example) + "\n");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			List<String> options = List.of("-classpath",
					classPath(ShutdownParticipant.class, Component.class, NullMarked.class), "-d", dir.toString());
			boolean compiled = compiler
				.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source.toFile()))
				.call();
			assertThat(compiled).as("docs/background-work.md's example compiles: %s", diagnostics.getDiagnostics())
				.isTrue();
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			Class<?> type = loader.loadClass("ExportJobs");
			assertThat(type).hasAnnotation(Component.class);
			var constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			ShutdownParticipant participant = (ShutdownParticipant) constructor.newInstance();
			participant.drainStarted();
			assertThat(participant.name()).isEqualTo("exports");
			assertThat(participant.inProgress()).isZero();
			assertThat(participant.awaitFinished(Duration.ofSeconds(1))).isZero();
		}
	}

	/**
	 * The Java block that follows the introduction of custom participants in
	 * docs/background-work.md.
	 */
	private static List<String> example() throws IOException {
		List<String> lines = Files
			.readAllLines(Path.of("").toAbsolutePath().getParent().resolve("docs/background-work.md"));
		int introduction = indexOf(lines, INTRODUCTION, 0);
		int start = indexOf(lines, "```java", introduction) + 1;
		int end = indexOf(lines, "```", start);
		return lines.subList(start, end);
	}

	private static int indexOf(List<String> lines, String prefix, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).startsWith(prefix)) {
				return i;
			}
		}
		throw new AssertionError(
				"docs/background-work.md has no line starting with '" + prefix + "' after line " + from);
	}

	private static String classPath(Class<?>... types) {
		return Stream.of(types)
			.map(DocumentedParticipantExampleTests::location)
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
