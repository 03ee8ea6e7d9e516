package dev.zdt.sample.scores;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the high score list.
 *
 * @author zdt authors
 */
@Configuration(proxyBeanMethods = false)
public class ScoresConfiguration {

	@Bean
	HighScores highScores(@Value("${sample.scores.capacity:100}") int capacity) {
		return new HighScores(capacity);
	}

}
