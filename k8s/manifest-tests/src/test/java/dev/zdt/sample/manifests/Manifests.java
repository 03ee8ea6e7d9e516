package dev.zdt.sample.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes resources of a kustomization, read without kustomize: the files listed
 * under {@code resources} (recursively for directories) with the kustomization's
 * {@code namespace} applied. The zdt manifests keep to that subset on purpose so that the
 * checks need no kubectl; {@code KustomizeRenderTests} compares with kubectl where there
 * is one.
 *
 * @param resources the resources, each a map as SnakeYAML reads it
 */
record Manifests(List<Map<String, Object>> resources) {

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

	/**
	 * Where the manifests live: the {@code zdt.k8s.dir} system property the build sets,
	 * else {@code ..} from the module directory (k8s/manifest-tests).
	 */
	static Path k8sDirectory() {
		return Path.of(System.getProperty("zdt.k8s.dir", "..")).toAbsolutePath().normalize();
	}

	static Manifests load(Path kustomizationDirectory) {
		Map<String, Object> kustomization = readOne(kustomizationDirectory.resolve("kustomization.yaml"));
		String namespace = Yamls.string(kustomization, "namespace");
		List<Map<String, Object>> resources = new ArrayList<>();
		for (Object entry : Yamls.list(kustomization, "resources")) {
			Path path = kustomizationDirectory.resolve(String.valueOf(entry));
			if (Files.isDirectory(path)) {
				resources.addAll(load(path).resources());
			}
			else {
				resources.addAll(readAll(path));
			}
		}
		if (namespace != null) {
			resources.forEach((resource) -> setNamespace(resource, namespace));
		}
		return new Manifests(List.copyOf(resources));
	}

	static Manifests parse(String yaml) {
		return new Manifests(List.copyOf(readAll(yaml)));
	}

	/**
	 * Returns the only resource of a kind.
	 * @throws IllegalStateException when there is none or more than one
	 */
	Map<String, Object> only(String kind) {
		List<Map<String, Object>> matches = all(kind);
		if (matches.size() != 1) {
			throw new IllegalStateException("expected one " + kind + " in the manifests, found " + matches.size());
		}
		return matches.get(0);
	}

	List<Map<String, Object>> all(String kind) {
		return this.resources.stream().filter((resource) -> kind.equals(resource.get("kind"))).toList();
	}

	@Nullable Map<String, Object> find(String kind, @Nullable String name) {
		return all(kind).stream()
			.filter((resource) -> name != null && name.equals(Yamls.string(resource, "metadata", "name")))
			.findFirst()
			.orElse(null);
	}

	private static void setNamespace(Map<String, Object> resource, String namespace) {
		if (CLUSTER_SCOPED.contains(String.valueOf(resource.get("kind")))) {
			return;
		}
		Map<String, Object> metadata = Yamls.map(resource, "metadata");
		if (!metadata.isEmpty()) {
			metadata.put("namespace", namespace);
		}
	}

	private static Map<String, Object> readOne(Path file) {
		List<Map<String, Object>> documents = readAll(file);
		if (documents.size() != 1) {
			throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
		}
		return documents.get(0);
	}

	private static List<Map<String, Object>> readAll(Path file) {
		try {
			return readAll(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> readAll(String yaml) {
		Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : parser.loadAll(yaml)) {
			if (document instanceof Map<?, ?> map) {
				documents.add((Map<String, Object>) map);
			}
		}
		return documents;
	}

}
