package dev.zdt.publishing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a release would publish, read from the poms and from the target directories of the
 * modules the reactor has just packaged: only the five libraries, each pom flattened with
 * the metadata Maven Central requires, each jar with its sources and javadoc jars.
 */
class PublishedArtifactsTests {

	private static final Set<String> PUBLISHED = Set.of("zdt-dependencies", "zdt-core", "zdt-aws",
			"zdt-spring-boot-starter", "zdt-spring-boot3-starter");

	private static final Path ROOT = Path.of(System.getProperty("zdt.root", "../..")).normalize();

	private static final String VERSION = System.getProperty("zdt.version", "");

	private final Pom parent = Pom.read(ROOT.resolve("pom.xml"));

	@Test
	void onlyTheLibrariesAreDeployedOrBundledForCentral() {
		Set<String> deployed = new TreeSet<>();
		Set<String> bundled = new TreeSet<>();
		for (Pom pom : parentAndModules()) {
			String artifactId = pom.value("project/artifactId");
			if (!"true".equals(property(pom, "maven.deploy.skip"))) {
				deployed.add(artifactId);
			}
			if (!artifactId.equals(property(pom, "zdt.central.excluded-artifact"))) {
				bundled.add(artifactId);
			}
		}
		assertThat(deployed).as("modules that maven-deploy-plugin would deploy").isEqualTo(new TreeSet<>(PUBLISHED));
		assertThat(bundled).as("modules that would go into the Central bundle").isEqualTo(new TreeSet<>(PUBLISHED));
	}

	@Test
	void releaseProfileSignsAndLeavesTheExcludedModulesOutOfTheBundle() {
		String release = "project/profiles/profile[id='release']/build/plugins/plugin";
		assertThat(this.parent.values(release + "/artifactId")).contains("maven-gpg-plugin",
				"central-publishing-maven-plugin");
		assertThat(this.parent.values(release + "[artifactId='central-publishing-maven-plugin']"
				+ "/configuration/excludeArtifacts/excludeArtifact"))
			.containsExactly("${zdt.central.excluded-artifact}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "zdt-dependencies", "zdt-core", "zdt-aws", "zdt-spring-boot-starter",
			"zdt-spring-boot3-starter" })
	void publishedPomIsFlattenedAndCarriesTheMetadataCentralRequires(String module) {
		Path file = ROOT.resolve(module).resolve("target/.flattened-pom.xml");
		assertThat(file).as("the flattened pom of %s (flatten-maven-plugin)", module).isNotEmptyFile();
		Pom pom = Pom.read(file);
		assertThat(pom.text()).as(file.toString()).doesNotContain("${");
		assertThat(pom.has("project/parent")).as("%s names a parent", file).isFalse();
		assertThat(pom.value("project/groupId")).isEqualTo("dev.zdt");
		assertThat(pom.value("project/artifactId")).isEqualTo(module);
		assertThat(pom.value("project/version")).isEqualTo(VERSION);
		for (String required : List.of("name", "description", "url", "licenses/license/name", "licenses/license/url",
				"developers/developer/name", "scm/connection", "scm/developerConnection", "scm/url")) {
			assertThat(pom.value("project/" + required)).as("%s in %s", required, file).isNotBlank();
		}
		assertThat(pom.value("project/licenses/license/name")).contains("Apache License, Version 2.0");
		assertThat(pom.value("project/url")).isEqualTo(this.parent.value("project/url"));
		for (String path : List.of("project/dependencies/dependency",
				"project/dependencyManagement/dependencies/dependency")) {
			assertThat(pom.values(path + "[not(version) or version='']/artifactId"))
				.as("%s without a version in %s", path, file)
				.isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "zdt-core", "zdt-aws", "zdt-spring-boot-starter", "zdt-spring-boot3-starter" })
	void publishedJarComesWithSourcesAndJavadoc(String module) throws IOException {
		Path target = ROOT.resolve(module).resolve("target");
		String base = module + "-" + VERSION;
		assertThat(entries(target.resolve(base + ".jar"))).anyMatch((name) -> name.endsWith(".class"));
		assertThat(entries(target.resolve(base + "-sources.jar"))).anyMatch((name) -> name.endsWith(".java"));
		assertThat(entries(target.resolve(base + "-javadoc.jar"))).contains("index.html")
			.anyMatch((name) -> name.startsWith("dev/zdt/") && name.endsWith(".html"));
	}

	@Test
	void licenseIsTheApacheLicense2() throws IOException {
		assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004",
				"END OF TERMS AND CONDITIONS");
	}

	private List<Pom> parentAndModules() {
		List<Pom> poms = new ArrayList<>();
		poms.add(this.parent);
		for (String module : this.parent.values("project/modules/module")) {
			poms.add(Pom.read(ROOT.resolve(module).resolve("pom.xml")));
		}
		return poms;
	}

	/**
	 * A property as the module sees it: its own, else zdt-parent's when it inherits from
	 * it; {@code ${project.artifactId}} resolved.
	 */
	private String property(Pom pom, String name) {
		String value = pom.value("project/properties/" + name);
		if (value.isEmpty() && "zdt-parent".equals(pom.value("project/parent/artifactId"))) {
			value = this.parent.value("project/properties/" + name);
		}
		return value.replace("${project.artifactId}", pom.value("project/artifactId"));
	}

	private static List<String> entries(Path jar) throws IOException {
		assertThat(jar).as("%s (run the build of the published modules first)", jar).isNotEmptyFile();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
		}
	}

}
