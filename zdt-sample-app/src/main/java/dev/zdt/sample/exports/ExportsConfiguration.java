package dev.zdt.sample.exports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.zdt.sample.scores.HighScores;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The high score export on {@code @Async} and the scheduled cleanup of old exports.
 *
 * @author zdt authors
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
public class ExportsConfiguration {

	@Bean
	ExportFiles exportFiles(@Value("${sample.exports.dir:${java.io.tmpdir}/zdt-sample-exports}") Path directory) {
		return new ExportFiles(directory);
	}

	@Bean
	HighScoreExports highScoreExports(HighScores highScores, ExportFiles exportFiles,
			@Value("${sample.exports.duration:2s}") Duration duration) {
		return new HighScoreExports(highScores, exportFiles, duration);
	}

	@Bean
	ExportCleanup exportCleanup(ExportFiles exportFiles, @Value("${sample.exports.retention:1h}") Duration retention,
			@Value("${sample.cleanup.duration:0s}") Duration duration) {
		return new ExportCleanup(exportFiles, retention, duration, Clock.systemUTC());
	}

}
