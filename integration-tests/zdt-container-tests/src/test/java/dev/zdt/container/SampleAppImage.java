package dev.zdt.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The sample app's image, built from {@code zdt-sample-app/Dockerfile} with the
 * executable jar that Maven resolved. The base image comes from
 * {@code -Dzdt.container.base-image} or {@code ZDT_BASE_IMAGE} when set; otherwise the
 * Dockerfile's default (a public JRE image) when Docker has it, else the base image that
 * {@code .ci/setup} makes locally where no registry is reachable, else the default again
 * (Docker pulls it).
 */
final class SampleAppImage {

	private static final Logger logger = LoggerFactory.getLogger(SampleAppImage.class);

	private static final Pattern BASE_IMAGE_ARG = Pattern.compile("^ARG BASE_IMAGE=(\\S+)\\s*$", Pattern.MULTILINE);

	private final String baseImage;

	private final ImageFromDockerfile image;

	private SampleAppImage(String baseImage, ImageFromDockerfile image) {
		this.baseImage = baseImage;
		this.image = image;
	}

	static SampleAppImage fromBuild() {
		Path dockerfile = existingFile("zdt.container.dockerfile");
		Path jar = existingFile("zdt.container.app-jar");
		String baseImage = chooseBaseImage(DockerClientFactory.lazyClient(), dockerfile);
		logger.info("Building the sample app image from {} with BASE_IMAGE={} and {}", dockerfile, baseImage, jar);
		ImageFromDockerfile image = new ImageFromDockerfile("localhost/zdt-sample-app-test", true)
			.withFileFromPath("Dockerfile", dockerfile)
			.withFileFromPath("app.jar", jar)
			.withBuildArg("BASE_IMAGE", baseImage)
			.withBuildArg("JAR", "app.jar");
		return new SampleAppImage(baseImage, image);
	}

	String baseImage() {
		return this.baseImage;
	}

	/**
	 * Builds the image once (later calls return the same name).
	 * @return the name of the built image
	 */
	String name() {
		try {
			return this.image.get();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Building the sample app image FROM " + this.baseImage + " failed. Where "
					+ "no registry is reachable, run .ci/setup to make a local base image, or set ZDT_BASE_IMAGE.", ex);
		}
	}

	/**
	 * Removes the image now rather than relying on Testcontainers' cleanup at JVM exit.
	 */
	void remove() {
		try {
			DockerClientFactory.lazyClient().removeImageCmd(this.image.getDockerImageName()).withForce(true).exec();
		}
		catch (NotFoundException ex) {
			// never built
		}
	}

	private static String chooseBaseImage(DockerClient docker, Path dockerfile) {
		String configured = configured();
		if (configured != null) {
			return configured;
		}
		String dockerfileDefault = dockerfileDefault(dockerfile);
		String local = System.getProperty("zdt.container.local-base-image", "zdt-local/jre17:bookworm");
		if (!isPresent(docker, dockerfileDefault) && isPresent(docker, local)) {
			return local;
		}
		return dockerfileDefault;
	}

	private static String configured() {
		String property = System.getProperty("zdt.container.base-image");
		if (property != null && !property.isBlank()) {
			return property.trim();
		}
		String environment = System.getenv("ZDT_BASE_IMAGE");
		if (environment != null && !environment.isBlank()) {
			return environment.trim();
		}
		return null;
	}

	private static String dockerfileDefault(Path dockerfile) {
		try {
			Matcher matcher = BASE_IMAGE_ARG.matcher(Files.readString(dockerfile));
			if (!matcher.find()) {
				throw new IllegalStateException(dockerfile + " declares no ARG BASE_IMAGE=<default>");
			}
			return matcher.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isPresent(DockerClient docker, String image) {
		try {
			docker.inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	private static Path existingFile(String property) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(
					"System property " + property + " is not set (failsafe sets it; see pom.xml)");
		}
		Path path = Path.of(value);
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException(property + "=" + value + " is not a file");
		}
		return path;
	}

}
