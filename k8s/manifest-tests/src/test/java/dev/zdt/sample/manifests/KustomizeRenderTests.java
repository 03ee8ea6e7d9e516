package dev.zdt.sample.manifests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl kustomize} renders every kustomization under {@code k8s/} offline; every
 * rendering with a Deployment (base and the overlays on it) follows every rule, and the
 * rendering of {@code k8s/base} holds the same resources as the checks read. Needs
 * kubectl (with kustomize v5), which the zdt build machine has but {@code .ci/setup}
 * cannot install from Debian.
 */
class KustomizeRenderTests {

	private static final List<Path> KUBECTL_LOCATIONS = List.of(Path.of("/usr/local/bin/kubectl"),
			Path.of("/usr/bin/kubectl"));

	static Stream<String> kustomizations() throws IOException {
		Path k8s = Manifests.k8sDirectory();
		try (Stream<Path> files = Files.walk(k8s)) {
			List<String> directories = files
				.filter((file) -> file.getFileName().toString().equals("kustomization.yaml"))
				.filter((file) -> !read(file).contains("kind: Component"))
				.map((file) -> k8s.relativize(file.getParent()).toString())
				.sorted()
				.toList();
			assertThat(directories).contains("base", "locust");
			return directories.stream();
		}
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("kustomizations")
	void kustomizationRendersOfflineAndFollowsTheRules(String directory) throws Exception {
		Manifests rendered = Manifests.parse(kustomize(Manifests.k8sDirectory().resolve(directory)));

		assertThat(rendered.resources()).isNotEmpty();
		if (!rendered.all("Deployment").isEmpty()) {
			assertThat(ManifestChecks.check(rendered, AppSettings.load())).isEmpty();
		}
		if (directory.equals("base")) {
			assertThat(identities(rendered)).containsExactlyInAnyOrderElementsOf(
					identities(Manifests.load(Manifests.k8sDirectory().resolve("base"))));
		}
		for (Map<String, Object> binding : rendered.all("RoleBinding")) {
			assertThat(Yamls.list(binding, "subjects")).allSatisfy(
					(subject) -> assertThat(Yamls.string(subject, "namespace")).as("RoleBinding subject namespace")
						.isEqualTo(Yamls.string(binding, "metadata", "namespace")));
		}
		if (directory.equals("locust")) {
			Map<String, Object> configMap = rendered.only("ConfigMap");
			assertThat(Yamls.string(configMap, "metadata", "name")).isEqualTo("zdt-loadtest-locustfile");
			assertThat(Yamls.string(configMap, "data", "locustfile.py"))
				.isEqualTo(Files.readString(Manifests.k8sDirectory().resolve("locust/locustfile.py")));
		}
	}

	private static List<String> identities(Manifests manifests) {
		return manifests.resources()
			.stream()
			.map((resource) -> resource.get("kind") + "/" + Yamls.string(resource, "metadata", "namespace") + "/"
					+ Yamls.string(resource, "metadata", "name"))
			.toList();
	}

	static String kustomize(Path directory) throws IOException, InterruptedException {
		Path kubectl = kubectl().orElse(null);
		String missing = "kubectl is not installed (looked in /usr/local/bin, /usr/bin and PATH)";
		if (kubectl == null && "true".equals(System.getenv("CI"))) {
			throw new AssertionError(missing + ": CI must render the manifests");
		}
		Assumptions.assumeTrue(kubectl != null, missing);
		Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
			.redirectErrorStream(true)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("kubectl kustomize %s: %s", directory, text).isZero();
		return text;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<Path> kubectl() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream
			.concat(KUBECTL_LOCATIONS.stream(),
					Stream.of(path.split(File.pathSeparator))
						.filter((entry) -> !entry.isEmpty())
						.map((entry) -> Path.of(entry, "kubectl")))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
