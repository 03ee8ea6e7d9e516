package dev.zdt.boot.testing;

import java.util.List;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.aot.AotServices;

/**
 * zdt's runtime hints as Spring's AOT processing finds them: the registrars in
 * {@code META-INF/spring/aot.factories}.
 */
public final class AotFactoriesHints {

	private AotFactoriesHints() {
	}

	/**
	 * Returns the hints of zdt's registrars.
	 * @return the hints
	 */
	public static RuntimeHints zdtHints() {
		RuntimeHints hints = new RuntimeHints();
		zdtRegistrars()
			.forEach((registrar) -> registrar.registerHints(hints, AotFactoriesHints.class.getClassLoader()));
		return hints;
	}

	/**
	 * Returns zdt's registrars.
	 * @return the registrars
	 */
	public static List<RuntimeHintsRegistrar> zdtRegistrars() {
		return AotServices.factories(AotFactoriesHints.class.getClassLoader())
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("dev.zdt."))
			.toList();
	}

}
